import { sql } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { ActivePeriod, NewUsageEventRow, UsageEventRow } from './usage.table.js';

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function retentionDaysOf(db: DbOrTrx, organizationId: string): Promise<number | null> {
  const row = await db.selectFrom('usage_settings').select('retention_days').where('organization_id', '=', organizationId).executeTakeFirst();
  return row ? row.retention_days : null;
}

export async function saveRetentionDays(db: DbOrTrx, organizationId: string, days: number, now: string): Promise<void> {
  await db
    .insertInto('usage_settings')
    .values({ organization_id: organizationId, retention_days: days, updated_at: now })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ retention_days: days, updated_at: now }))
    .execute();
}

export interface UserRef {
  id: string;
  email_normalized: string;
  status: string;
}

/** The users of this organization among the given ids and emails; others simply are not found. */
export async function findUsersForIngest(db: DbOrTrx, organizationId: string, ids: string[], emails: string[]): Promise<UserRef[]> {
  const out: UserRef[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'email_normalized', 'status'])
        .where('organization_id', '=', organizationId)
        .where('id', 'in', part)
        .execute()),
    );
  }
  for (const part of chunks(emails)) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'email_normalized', 'status'])
        .where('organization_id', '=', organizationId)
        .where('email_normalized', 'in', part)
        .execute()),
    );
  }
  return out;
}

type ColumnType = 'text' | 'bigint';

/**
 * Rows handed to the database as ONE JSON parameter and expanded there (json_each in SQLite,
 * jsonb_to_recordset in PostgreSQL): a short statement that is cheap to prepare, whatever the batch
 * size, instead of thousands of bound parameters.
 */
function jsonRows(dialect: Dialect, rows: object[], columns: Record<string, ColumnType>) {
  const names = Object.keys(columns);
  const json = JSON.stringify(rows);
  if (dialect === 'postgres') {
    return sql`SELECT ${sql.join(names.map((n) => sql.ref(`j.${n}`)))} FROM jsonb_to_recordset(${json}::jsonb) AS j(${sql.raw(names.map((n) => `${n} ${columns[n]}`).join(', '))})`;
  }
  // WHERE true: SQLite needs it to parse INSERT … SELECT … ON CONFLICT.
  // Literal paths (our own column names): SQLite re-parses bound JSON paths row by row.
  return sql`SELECT ${sql.join(names.map((n) => sql.raw(`json_extract(j.value, '$.${n}')`)))} FROM json_each(${json}) AS j WHERE true`;
}

/** Inserts events whose id is new in the organization; returns the ids actually inserted. */
export async function insertNewEvents(
  trx: DbOrTrx,
  dialect: Dialect,
  organizationId: string,
  receivedAt: string,
  rows: Omit<NewUsageEventRow, 'organization_id' | 'received_at'>[],
): Promise<Set<string>> {
  const source = jsonRows(dialect, rows, {
    id: 'text',
    user_id: 'text',
    type: 'text',
    occurred_at: 'text',
    workspace_id: 'text',
    item_id: 'text',
    quantity: 'bigint',
  });
  const result = await sql<{ id: string }>`
    INSERT INTO usage_events (organization_id, received_at, id, user_id, type, occurred_at, workspace_id, item_id, quantity)
    SELECT ${organizationId}, ${receivedAt}, s.* FROM (${source}) AS s WHERE true
    ON CONFLICT (organization_id, id) DO NOTHING
    RETURNING id`.execute(trx);
  return new Set(result.rows.map((r) => r.id));
}

export interface DailyAdd {
  user_id: string;
  day: string;
  type: string;
  events: number;
  quantity: number;
}

export async function addToUserDaily(trx: DbOrTrx, dialect: Dialect, organizationId: string, adds: DailyAdd[]): Promise<void> {
  const source = jsonRows(dialect, adds, { user_id: 'text', day: 'text', type: 'text', events: 'bigint', quantity: 'bigint' });
  await sql`
    INSERT INTO usage_daily (organization_id, user_id, day, type, events, quantity)
    SELECT ${organizationId}, s.* FROM (${source}) AS s WHERE true
    ON CONFLICT (organization_id, user_id, day, type)
    DO UPDATE SET events = usage_daily.events + excluded.events, quantity = usage_daily.quantity + excluded.quantity`.execute(trx);
}

export async function addToOrgDaily(trx: DbOrTrx, organizationId: string, adds: Omit<DailyAdd, 'user_id'>[]): Promise<void> {
  for (const part of chunks(adds)) {
    await trx
      .insertInto('usage_org_daily')
      .values(part.map((a) => ({ organization_id: organizationId, ...a })))
      .onConflict((oc) =>
        oc.columns(['organization_id', 'day', 'type']).doUpdateSet((eb) => ({
          events: eb('usage_org_daily.events', '+', eb.ref('excluded.events')),
          quantity: eb('usage_org_daily.quantity', '+', eb.ref('excluded.quantity')),
        })),
      )
      .execute();
  }
}

export interface ActiveMark {
  period: ActivePeriod;
  period_start: string;
  user_id: string;
}

/** Marks users active in periods; returns the marks that are new (first activity of the user in the period). */
export async function markActive(trx: DbOrTrx, dialect: Dialect, organizationId: string, marks: ActiveMark[]): Promise<ActiveMark[]> {
  const source = jsonRows(dialect, marks, { period: 'text', period_start: 'text', user_id: 'text' });
  const result = await sql<ActiveMark>`
    INSERT INTO usage_active (organization_id, period, period_start, user_id)
    SELECT ${organizationId}, s.* FROM (${source}) AS s WHERE true
    ON CONFLICT (organization_id, period, period_start, user_id) DO NOTHING
    RETURNING period, period_start, user_id`.execute(trx);
  return result.rows;
}

export async function addToOrgActive(
  trx: DbOrTrx,
  organizationId: string,
  adds: { period: ActivePeriod; period_start: string; active_users: number }[],
): Promise<void> {
  for (const part of chunks(adds)) {
    await trx
      .insertInto('usage_org_active')
      .values(part.map((a) => ({ organization_id: organizationId, ...a })))
      .onConflict((oc) =>
        oc.columns(['organization_id', 'period', 'period_start']).doUpdateSet((eb) => ({
          active_users: eb('usage_org_active.active_users', '+', eb.ref('excluded.active_users')),
        })),
      )
      .execute();
  }
}

/**
 * Moves a user timestamp (last activity, last sign-in) forward only: an old event arriving late never
 * makes someone look less active. Many users in one statement.
 */
export async function advanceUserTimestamps(
  trx: DbOrTrx,
  dialect: Dialect,
  organizationId: string,
  column: 'last_active_at' | 'last_sign_in_at',
  newest: { id: string; at: string }[],
): Promise<void> {
  if (newest.length === 0) return;
  const source = jsonRows(dialect, newest, { id: 'text', at: 'text' });
  // SQLite: the unary + keeps the planner from driving the join by the organization index (a scan
  // of the organization's users per event); the users are then found by primary key.
  const org = dialect === 'sqlite' ? sql`+users.organization_id` : sql`users.organization_id`;
  const target = sql.ref(column);
  const current = sql.ref(`users.${column}`);
  await sql`WITH v(id, at) AS (${source})
    UPDATE users SET ${target} = v.at FROM v
    WHERE users.id = v.id AND ${org} = ${organizationId}
      AND (${current} IS NULL OR ${current} < v.at)`.execute(trx);
}

export function userDailyRows(db: DbOrTrx, organizationId: string, userId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom('usage_daily')
    .select(['day', 'type', 'events', 'quantity'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}

export interface FeedCursor {
  at: string;
  kind: 'usage' | 'audit';
  id: string;
}

/** Usage events of a user, newest first, after a feed cursor (order: time, kind 'usage' before 'audit', id; all descending). */
export function userEventsPage(db: DbOrTrx, organizationId: string, userId: string, after: FeedCursor | null, limit: number): Promise<UsageEventRow[]> {
  let q = db.selectFrom('usage_events').selectAll().where('organization_id', '=', organizationId).where('user_id', '=', userId);
  if (after) {
    q =
      after.kind === 'usage'
        ? q.where((eb) => eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]))
        : q.where('occurred_at', '<', after.at);
  }
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function userAuditPage(db: DbOrTrx, organizationId: string, userId: string, after: FeedCursor | null, limit: number) {
  let q = db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId).where('subject_id', '=', userId);
  if (after) {
    q =
      after.kind === 'audit'
        ? q.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]))
        : q.where('created_at', '<=', after.at);
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function orgActiveRows(db: DbOrTrx, organizationId: string, period: ActivePeriod, fromStart: string) {
  return db
    .selectFrom('usage_org_active')
    .select(['period_start', 'active_users'])
    .where('organization_id', '=', organizationId)
    .where('period', '=', period)
    .where('period_start', '>=', fromStart)
    .execute();
}

/** Distinct users active on any day from `fromDay` to `toDay` (inclusive), read from the per-day index. */
export async function countActiveBetween(db: DbOrTrx, organizationId: string, fromDay: string, toDay: string): Promise<number> {
  const row = await db
    .selectFrom('usage_active')
    .select((eb) => eb.fn.count<number | string>('user_id').distinct().as('users'))
    .where('organization_id', '=', organizationId)
    .where('period', '=', 'day')
    .where('period_start', '>=', fromDay)
    .where('period_start', '<=', toDay)
    .executeTakeFirst();
  return Number(row?.users ?? 0);
}

export function orgTypeTotals(db: DbOrTrx, organizationId: string, fromDay: string) {
  return db
    .selectFrom('usage_org_daily')
    .select((eb) => ['type', eb.fn.sum<number | string>('events').as('events'), eb.fn.sum<number | string>('quantity').as('quantity')])
    .where('organization_id', '=', organizationId)
    .where('day', '>=', fromDay)
    .groupBy('type')
    .execute();
}

/** Accounts that can sign in (status active) with nothing since `cutoff` (never-active ones count from their creation). */
function inactiveQuery(db: DbOrTrx, organizationId: string, cutoff: string) {
  return db
    .selectFrom('users')
    .where('users.organization_id', '=', organizationId)
    .where('users.status', '=', 'active')
    .where((eb) => eb.or([eb('users.last_active_at', '<', cutoff), eb.and([eb('users.last_active_at', 'is', null), eb('users.created_at', '<', cutoff)])]));
}

export async function countInactive(db: DbOrTrx, organizationId: string, cutoff: string): Promise<number> {
  const row = await inactiveQuery(db, organizationId, cutoff)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAccounts(db: DbOrTrx, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Least recently active first (never active first of all), keyset-paginated. */
export function inactivePage(db: DbOrTrx, organizationId: string, cutoff: string, after: { value: string; id: string } | null, limit: number) {
  const key = sql<string>`COALESCE(users.last_active_at, '')`;
  let q = inactiveQuery(db, organizationId, cutoff);
  if (after) q = q.where((eb) => eb.or([eb(key, '>', after.value), eb.and([eb(key, '=', after.value), eb('users.id', '>', after.id)])]));
  return q
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role_id', 'roles.name as role_name', 'users.last_active_at', 'users.created_at'])
    .orderBy(key, 'asc')
    .orderBy('users.id', 'asc')
    .limit(limit + 1)
    .execute();
}

/** Organizations with their retention setting (null: the default). */
export function organizationsWithRetention(db: DbOrTrx) {
  return db
    .selectFrom('organizations')
    .leftJoin('usage_settings', 'usage_settings.organization_id', 'organizations.id')
    .select(['organizations.id', 'usage_settings.retention_days'])
    .execute();
}

/** Deletes up to `limit` raw events older than `cutoff`; returns how many. */
export async function deleteExpiredEvents(db: DbOrTrx, organizationId: string, cutoff: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('usage_events')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', (eb) =>
      eb.selectFrom('usage_events').select('id').where('organization_id', '=', organizationId).where('occurred_at', '<', cutoff).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredRollups(db: DbOrTrx, organizationId: string, beforeDay: string): Promise<void> {
  await db.deleteFrom('usage_daily').where('organization_id', '=', organizationId).where('day', '<', beforeDay).execute();
  await db.deleteFrom('usage_org_daily').where('organization_id', '=', organizationId).where('day', '<', beforeDay).execute();
  await db.deleteFrom('usage_active').where('organization_id', '=', organizationId).where('period_start', '<', beforeDay).execute();
  await db.deleteFrom('usage_org_active').where('organization_id', '=', organizationId).where('period_start', '<', beforeDay).execute();
}
