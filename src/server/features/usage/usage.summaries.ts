// Usage at a glance for a page of users (the users list and the user page).
import type { UserUsageSummary } from '../../../contracts/usage.js';
import { sql } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf, jsonArrayValue } from '../../db/json-array.js';
import { addDays, dayOf } from './usage.dates.js';
import { usageByUsers } from './usage.repository.js';

/** Events in the last 30 days (today included) and the most frequent type, for a page of users: one query. */
export async function usageSummariesOf(db: DbOrTrx, organizationId: string, userIds: string[], now: Date): Promise<Map<string, UserUsageSummary>> {
  const out = new Map<string, UserUsageSummary>();
  if (userIds.length === 0) return out;
  const rows = await usageByUsers(db, organizationId, userIds, addDays(dayOf(now), -29));
  const best = new Map<string, number>();
  for (const r of rows) {
    const events = Number(r.events);
    const s = out.get(r.user_id) ?? { events30d: 0, topType: null };
    s.events30d += events;
    if (events > (best.get(r.user_id) ?? 0)) {
      best.set(r.user_id, events);
      s.topType = r.type;
    }
    out.set(r.user_id, s);
  }
  return out;
}

/** The first day of the 30 days (today included) a usage summary covers. */
export function usageWindowStart(now: Date): string {
  return addDays(dayOf(now), -29);
}

export interface UsageByType {
  type: string;
  events: number | string;
}

/**
 * A column for a query that lists users: the usage by type of the user whose id is in `userIdColumn`
 * since `fromDay`, as a JSON array (read it with usageSummaryOf). A page of the users list then
 * costs one statement instead of a second one per page.
 */
export function usageByTypeColumn(db: DbOrTrx, dialect: Dialect, target: { userIdColumn: string; organizationId: string; fromDay: string }) {
  return jsonArrayOf<UsageByType>(
    dialect,
    db
      .selectFrom('usage_daily')
      .select((inner) => ['usage_daily.type', inner.fn.sum<number | string>('usage_daily.events').as('events')])
      .where('usage_daily.organization_id', '=', target.organizationId)
      .where(sql<boolean>`usage_daily.user_id = ${sql.ref(target.userIdColumn)}`)
      .where('usage_daily.day', '>=', target.fromDay)
      .groupBy('usage_daily.type'),
  );
}

/**
 * A column for a query that lists users: the user's UserUsageSummary (events since `fromDay`, most
 * frequent type, ties to the first by name) as JSON built by the database, which the users list sends
 * as it is. JSON text on SQLite, json on PostgreSQL.
 */
export function usageSummaryJsonColumn(db: DbOrTrx, dialect: Dialect, target: { userIdColumn: string; organizationId: string; fromDay: string }) {
  const byType = db
    .selectFrom('usage_daily')
    .select((eb) => ['usage_daily.type', eb.fn.sum<number>('usage_daily.events').as('events')])
    .where('usage_daily.organization_id', '=', target.organizationId)
    .where(sql<boolean>`usage_daily.user_id = ${sql.ref(target.userIdColumn)}`)
    .where('usage_daily.day', '>=', target.fromDay)
    .groupBy('usage_daily.type')
    .having(sql<boolean>`sum(usage_daily.events) > 0`);
  // The first of the types in order of events (most first), then of name. An ordered aggregate cost
  // SQLite a third less than ranking the types with a window function.
  const summary =
    dialect === 'postgres'
      ? sql`json_build_object('events30d', COALESCE(sum(t.events), 0), 'topType', (array_agg(t.type ORDER BY t.events DESC, t.type))[1])`
      : sql`json_object('events30d', COALESCE(sum(t.events), 0), 'topType', json_group_array(t.type ORDER BY t.events DESC, t.type) ->> 0)`;
  return sql<string>`(SELECT ${summary} FROM (${byType}) AS t)`;
}

export function usageSummaryOf(value: UsageByType[] | string | null | undefined): UserUsageSummary {
  const summary: UserUsageSummary = { events30d: 0, topType: null };
  let best = 0;
  for (const row of jsonArrayValue(value)) {
    const events = Number(row.events);
    summary.events30d += events;
    if (events > best) {
      best = events;
      summary.topType = row.type;
    }
  }
  return summary;
}
