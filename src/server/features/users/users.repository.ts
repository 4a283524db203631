import { sql, type SelectQueryBuilder } from 'kysely';
import type { UserFilter, UserSort } from '../../../contracts/users.js';
import type { Database, DbOrTrx, Dialect } from '../../db/database.js';
import type { NewUserRow, UserPatch, UserRow } from './users.table.js';

export function findUserById(db: DbOrTrx, organizationId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTrx, organizationId: string, emailNormalized: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
}

/** Sign-in is the one place that looks across organizations: the person proves the address, not the org. */
export function findActiveUsersByEmail(db: DbOrTrx, emailNormalized: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email_normalized', '=', emailNormalized).where('status', '=', 'active').execute();
}

export async function insertUser(db: DbOrTrx, row: NewUserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(db: DbOrTrx, organizationId: string, id: string, patch: UserPatch): Promise<void> {
  await db.updateTable('users').set(patch).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export function searchText(name: string, emailNormalized: string): string {
  return `${name.toLowerCase()} ${emailNormalized}`;
}

/** A filter with the request's "now" (from the context clock), which the last-active windows need. */
export type UserFilterAt = UserFilter & { now?: string };

type UsersQuery = SelectQueryBuilder<Database, 'users', object>;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Applies the shared filters. Substring search of 3+ characters uses the trigram index of each
 * database (FTS5 trigram in SQLite, pg_trgm GIN in PostgreSQL); shorter terms fall back to LIKE.
 */
export function applyUserFilter(query: UsersQuery, organizationId: string, filter: UserFilterAt, dialect: Dialect): UsersQuery {
  const term = filter.search?.trim().toLowerCase();
  const ftsSearch = dialect === 'sqlite' && !!term && [...term].length >= 3;
  // With a trigram search, SQLite must start from the search matches; the unary + keeps it from
  // walking an organization index in name order instead (slow when few users match).
  let q = ftsSearch ? query.where(sql<boolean>`+users.organization_id = ${organizationId}`) : query.where('users.organization_id', '=', organizationId);
  // Deleted users (tombstones) appear only when asked for by status.
  if (filter.status) q = q.where('users.status', '=', filter.status);
  else q = q.where('users.status', '!=', 'deleted');
  if (filter.lastActive === 'never') q = q.where('users.last_active_at', 'is', null);
  else if (filter.lastActive) {
    if (!filter.now) throw new Error('applyUserFilter: lastActive needs filter.now');
    const days = { '7d': 7, '30d': 30, '90d': 90 }[filter.lastActive];
    q = q.where('users.last_active_at', '>=', new Date(Date.parse(filter.now) - days * 86_400_000).toISOString());
  }
  if (filter.roleId) q = q.where('users.role_id', '=', filter.roleId);
  if (filter.groupId) {
    const groupId = filter.groupId;
    q = q.where('users.id', 'in', (eb) =>
      eb.selectFrom('group_members').select('group_members.user_id').where('group_members.organization_id', '=', organizationId).where('group_members.group_id', '=', groupId),
    );
  }
  if (term) {
    if (ftsSearch) {
      const phrase = `"${term.replace(/"/g, '""')}"`;
      q = q.where(sql<boolean>`users.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ${phrase})`);
    } else {
      q = q.where(sql<boolean>`users.search_text LIKE ${`%${escapeLike(term)}%`} ESCAPE '\\'`);
    }
  }
  return q;
}

const SORT_COLUMNS = {
  name: 'users.name',
  email: 'users.email_normalized',
  created: 'users.created_at',
  last_active: 'users.last_active_at',
} as const;

export interface ListPage {
  sort: UserSort;
  order: 'asc' | 'desc';
  limit: number;
  after: { value: string | null; id: string } | null;
}

/**
 * SQLite's trigram search reads and sorts every match anyway, so on its first page the total comes from
 * the same pass (a window count) instead of a second search. Elsewhere the count is its own query:
 * an index walk that stops after one page is far cheaper than counting on the way.
 */
export function totalRidesAlong(filter: UserFilterAt, page: Pick<ListPage, 'after'>, dialect: Dialect): boolean {
  // Measured (bench/users-list.ts): halves SQLite's trigram search; PostgreSQL's planner does worse
  // with it, as the window stops it from walking the name index and stopping early.
  return dialect === 'sqlite' && !page.after && [...(filter.search?.trim() ?? '')].length >= 3;
}

export async function listUserRows(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect): Promise<UserRow[]> {
  const { rows } = await listUserRowsWithTotal(db, organizationId, filter, page, dialect, false);
  return rows;
}

export async function listUserRowsWithTotal(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  page: ListPage,
  dialect: Dialect,
  withTotal: boolean,
): Promise<{ rows: UserRow[]; total: number | null }> {
  const column = SORT_COLUMNS[page.sort];
  // Never-active users sort as '' so keyset comparisons stay total on both databases.
  const key = page.sort === 'last_active' ? sql<string>`COALESCE(users.last_active_at, '')` : sql.ref<string>(column);
  let q = applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect);
  if (page.after) {
    const value = page.after.value ?? '';
    const id = page.after.id;
    const cmp = page.order === 'asc' ? '>' : '<';
    q = q.where((eb) => eb.or([eb(key, cmp, value), eb.and([eb(key, '=', value), eb('users.id', cmp, id)])]));
  }
  // PostgreSQL, when searching, would walk the sort index hoping to meet matches early; matches
  // cluster in that order (searching "radia" sorted by name), so it read most of the index (100 ms at
  // 100,000 users). Sorting an expression steers it to the trigram index, then a small sort.
  const searching = dialect === 'postgres' && !!filter.search?.trim();
  const orderKey = searching ? sql<string>`(${key} || '')` : key;
  const rows = await q
    .selectAll('users')
    .$if(withTotal, (qb) => qb.select(sql<number>`COUNT(*) OVER ()`.as('window_total')))
    .orderBy(orderKey, page.order)
    .orderBy('users.id', page.order)
    .limit(page.limit + 1)
    .execute();
  if (!withTotal) return { rows, total: null };
  const total = rows.length > 0 ? Number((rows[0] as unknown as { window_total: number }).window_total) : 0;
  return { rows: rows.map(({ window_total: _omit, ...row }: UserRow & { window_total?: number }) => row as UserRow), total };
}

export async function countUserRows(db: DbOrTrx, organizationId: string, filter: UserFilterAt, dialect: Dialect): Promise<number> {
  const row = await applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listMatchingUserIds(db: DbOrTrx, organizationId: string, filter: UserFilterAt, dialect: Dialect, max: number): Promise<string[]> {
  const rows = await applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect).select('users.id').orderBy('users.id').limit(max).execute();
  return rows.map((r) => r.id);
}

export async function groupsOfUsers(db: DbOrTrx, organizationId: string, userIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const map = new Map<string, { id: string; name: string }[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.user_id', 'groups.id', 'groups.name'])
    .where('group_members.organization_id', '=', organizationId)
    .where('group_members.user_id', 'in', userIds)
    .orderBy('groups.name')
    .execute();
  for (const row of rows) {
    const list = map.get(row.user_id) ?? [];
    list.push({ id: row.id, name: row.name });
    map.set(row.user_id, list);
  }
  return map;
}

export async function roleNames(db: DbOrTrx, organizationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('roles').select(['id', 'name']).where('organization_id', '=', organizationId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
