import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { UserFilter, UserSort, UserStatus } from '../../../contracts/users.js';
import type { Database, DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf } from '../../db/json-array.js';
import { preparedShapes } from '../../db/prepared.js';
import { countGroupMembers } from '../groups/index.js';
import type { NewUserRow, UserPatch, UserRow } from './users.table.js';
import { wholePhrase, type TrigramPhrase } from './users.trigram-phrase.js';

export function findUserById(db: DbOrTrx, organizationId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const query = db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTrx, organizationId: string, emailNormalized: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('email_normalized', '=', emailNormalized).executeTakeFirst();
}

/** Sign-in is the one place that looks across organizations: the person proves the address, not the org. */
export function findActiveUsersByEmail(db: DbOrTrx, emailNormalized: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email_normalized', '=', emailNormalized).where('status', '=', 'active').execute();
}

/** The invitation that brought the user in (or is still pending), for the user page. */
export function latestInvitationOf(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'status', 'expires_at'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(1);
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
export type UserFilterAt = UserFilter & {
  now?: string;
  /** SQLite: how the trigram index is asked for the search (users.trigram-phrase.ts); the whole term when absent. */
  phrase?: TrigramPhrase;
};

/** Whether the trigram index can serve a search term: three characters or more (one or two hold no trigram, and match nothing there). */
export function hasTrigrams(term: string): boolean {
  return [...term].length >= 3;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The substring test of a search (lower-cased term) on the user's search text: exact, and what every other reading of a search is checked against. */
export function holdsTerm(term: string): RawBuilder<boolean> {
  return sql<boolean>`users.search_text LIKE ${`%${escapeLike(term)}%`} ESCAPE '\\'`;
}

/**
 * Applies the shared filters. Substring search of 3+ characters uses the trigram index of each
 * database (FTS5 trigram in SQLite, pg_trgm GIN in PostgreSQL); shorter terms fall back to LIKE.
 * Works on any query that reads `users`, joined or not (a group's page starts from its members).
 */
export function applyUserFilter<TB extends keyof Database>(
  query: SelectQueryBuilder<Database, TB | 'users', object>,
  organizationId: string,
  filter: UserFilterAt,
  dialect: Dialect,
  options: { scanSearch?: boolean } = {},
): SelectQueryBuilder<Database, TB | 'users', object> {
  // Conditions are SQL fragments (values always bound) so they apply whatever else the query joins.
  const conditions: RawBuilder<boolean>[] = [];
  const term = filter.search?.trim().toLowerCase();
  // scanSearch: test each user's search text in index order instead (cheaper when the term is common).
  const ftsSearch = dialect === 'sqlite' && !!term && hasTrigrams(term) && !options.scanSearch;
  // With a trigram search, SQLite must start from the search matches; the unary + keeps it from
  // walking an organization index in name order instead (slow when few users match).
  conditions.push(ftsSearch ? sql`+users.organization_id = ${organizationId}` : sql`users.organization_id = ${organizationId}`);
  // Deleted users (tombstones) appear only when asked for by status. A group holds none (deletion
  // removes memberships; a deleted user cannot join a group).
  if (filter.status) conditions.push(sql`users.status = ${filter.status}`);
  else if (!filter.groupId) conditions.push(sql`users.status <> 'deleted'`);
  // Written on COALESCE(last_active_at, '') — never active sorts as '' — so that both databases can
  // answer the window from the last-active index (users__org_last_active) instead of reading every user.
  if (filter.lastActive === 'never') conditions.push(sql`COALESCE(users.last_active_at, '') = ''`);
  else if (filter.lastActive) {
    if (!filter.now) throw new Error('applyUserFilter: lastActive needs filter.now');
    const days = { '7d': 7, '30d': 30, '90d': 90 }[filter.lastActive];
    conditions.push(sql`COALESCE(users.last_active_at, '') >= ${new Date(Date.parse(filter.now) - days * 86_400_000).toISOString()}`);
  }
  if (filter.roleId) conditions.push(sql`users.role_id = ${filter.roleId}`);
  if (filter.groupId) {
    conditions.push(sql`users.id IN (SELECT user_id FROM group_members WHERE organization_id = ${organizationId} AND group_id = ${filter.groupId})`);
  }
  if (term) {
    if (ftsSearch) {
      const { phrase, whole } = filter.phrase ?? wholePhrase(term);
      conditions.push(sql`users.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ${phrase})`);
      if (!whole) conditions.push(holdsTerm(term));
    } else {
      conditions.push(holdsTerm(term));
    }
  }
  return conditions.reduce((q, condition) => q.where(condition), query);
}

const SORT_COLUMNS = {
  name: 'users.name',
  email: 'users.email_normalized',
  created: 'users.created_at',
  last_active: 'users.last_active_at',
} as const;

/** A user's key in a sort order: never-active users sort as '' so keyset comparisons stay total on both databases. */
export function sortKey(sort: UserSort): RawBuilder<string> {
  return sort === 'last_active' ? sql<string>`COALESCE(users.last_active_at, '')` : sql<string>`${sql.ref(SORT_COLUMNS[sort])}`;
}

/** The same keys, as each membership carries them (migration 0006); equal values, so cursors carry over. */
const MEMBER_SORT_COLUMNS = {
  name: 'group_members.sort_name',
  email: 'group_members.sort_email',
  created: 'group_members.sort_created',
  last_active: 'group_members.sort_last_active',
} as const;

export interface ListPage {
  sort: UserSort;
  order: 'asc' | 'desc';
  limit: number;
  after: { value: string | null; id: string } | null;
}

/**
 * Above this many matches a total that cannot come from kept counts is given as "1,000+": counting
 * further costs every request of a common search (the exact figure is one request away,
 * countAllMatching). A thousand also tells an administrator to narrow the search.
 */
export const COUNT_CAP = 1_000;

export interface ListTotal {
  total: number;
  /** False when the total is COUNT_CAP and more match ("10,000+"). */
  exact: boolean;
}

/** What a row of the list shows (and its cursor needs), with its role's name: read instead of whole rows. */
const LISTED_COLUMNS = [
  'users.id',
  'users.name',
  'users.email',
  'users.email_normalized',
  'users.status',
  'users.role_id',
  'roles.name as role_name',
  'users.last_active_at',
  'users.created_at',
  'users.provisioned_by',
] as const;

export type ListedUser = Pick<
  UserRow,
  'id' | 'name' | 'email' | 'email_normalized' | 'status' | 'role_id' | 'last_active_at' | 'created_at' | 'provisioned_by'
> & {
  role_name: string;
};

export interface DetailsSpec {
  organizationId: string;
  dialect: Dialect;
  usageFrom: string;
}

export function groupsColumn(db: DbOrTrx, spec: Pick<DetailsSpec, 'organizationId' | 'dialect'>, userIdColumn: string) {
  return jsonArrayOf<{ id: string; name: string }>(
    spec.dialect,
    db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .select(['groups.id', 'groups.name'])
      .where('group_members.organization_id', '=', spec.organizationId)
      .where(sql<boolean>`group_members.user_id = ${sql.ref(userIdColumn)}`)
      .orderBy('groups.name'),
  );
}

/**
 * The total for a filter, without reading the matching rows where it can:
 * - role and status alone (the list as it opens): from the counts triggers keep (migration 0010);
 * - a group alone: the group's kept member count (a group holds no deleted users);
 * - anything else (a search, the last-active windows, combinations): counted up to COUNT_CAP, so a
 *   search matching 40 % of a million users costs a thousand index steps, not four hundred thousand.
 */
export async function countMatching(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  dialect: Dialect,
  options: { scanSearch?: boolean } = {},
): Promise<ListTotal> {
  const searching = !!filter.search?.trim();
  if (!searching && !filter.lastActive && !filter.groupId) {
    const [row] = await keptCount(db, null, { organizationId, roleId: filter.roleId, status: filter.status });
    return { total: Number(row?.n ?? 0), exact: true };
  }
  if (filter.groupId && !searching && !filter.lastActive && !filter.roleId && !filter.status) {
    return { total: await countGroupMembers(db, organizationId, filter.groupId), exact: true };
  }
  const capped = applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect, options)
    .select(sql.lit(1).as('one'))
    .limit(COUNT_CAP + 1);
  const row = await db
    .selectFrom(capped.as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > COUNT_CAP ? { total: COUNT_CAP, exact: false } : { total: n, exact: true };
}

/** The kept count of users by role and status (every status but deleted when none is given), compiled once per form. */
const keptCount = preparedShapes(
  ['organizationId', 'roleId', 'status'] as const,
  () => '',
  (db, v) => {
    const query = db
      .selectFrom('user_counts')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
      .where('organization_id', '=', v.organizationId);
    const byRole = v.roleId === undefined ? query : query.where('role_id', '=', v.roleId);
    return v.status === undefined ? byRole.where('status', '<>', 'deleted') : byRole.where('status', '=', v.status as UserStatus);
  },
);

/** The exact number of users a filter matches, however many: on demand ("Count all"), never per page. */
export async function countAllMatching(db: DbOrTrx, organizationId: string, filter: UserFilterAt, dialect: Dialect): Promise<number> {
  const row = await applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The page's rows in order, one more than the limit to tell whether a next page exists. */
export function userPage(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect, options: SortOptions = {}) {
  return sortedUsers(db, organizationId, filter, page, dialect, options)
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(LISTED_COLUMNS)
    .limit(page.limit + 1);
}

/** A page of a rare last-active window: read from the window's index, its matches sorted. */
export function rareWindowPage(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect) {
  return userPage(db, organizationId, filter, page, dialect, { fromFilter: true });
}

/** The page's ids in order, one more than the limit to tell whether a next page exists. */
export async function userPageIds(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect): Promise<string[]> {
  const rows = await sortedUsers(db, organizationId, filter, page, dialect)
    .select('users.id')
    .limit(page.limit + 1)
    .execute();
  return rows.map((r) => r.id);
}

interface SortOptions {
  /** Start from the index that serves the filter and sort its matches, rather than walk the sort index. */
  fromFilter?: boolean;
}

/** The filtered users after the cursor, in page order; the caller selects and limits. */
export function sortedUsers(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect, options: SortOptions = {}) {
  const key = sortKey(page.sort);
  const filtered = applyUserFilter(db.selectFrom('users'), organizationId, filter, dialect);
  const q = page.after ? filtered.where(afterCursor(key, page, 'users.id', dialect === 'postgres' || page.sort !== 'last_active')) : filtered;
  // PostgreSQL, when searching, would walk the sort index hoping to meet matches early; matches
  // cluster in that order (searching "radia" sorted by name), so it read most of the index (100 ms at
  // 100,000 users). Sorting an expression (the same order: text, binary collation) steers it to the
  // trigram index, then a small sort; fromFilter does the same on both databases.
  const orderKey = options.fromFilter || (dialect === 'postgres' && !!filter.search?.trim()) ? sql<string>`(${key} || '')` : key;
  return q.orderBy(orderKey, page.order).orderBy('users.id', page.order);
}

/**
 * A group's page walks the group's own index in the requested order (each membership carries its
 * user's sort keys) and reads each member's row only for the other filters: one page costs about a
 * page of steps, however large the group and wherever its members sit in the users' order.
 */
export function groupPage(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect): ReturnType<typeof userPage> {
  const key = sql<string>`${sql.ref(MEMBER_SORT_COLUMNS[page.sort])}`;
  const { groupId, ...others } = filter;
  const members = db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .where('group_members.group_id', '=', groupId!)
    .where('group_members.organization_id', '=', organizationId);
  const filtered = applyUserFilter(members, organizationId, others, dialect);
  const q = page.after ? filtered.where(afterCursor(key, page, 'group_members.user_id', true)) : filtered;
  return q
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(LISTED_COLUMNS)
    .orderBy(key, page.order)
    .orderBy('group_members.user_id', page.order)
    .limit(page.limit + 1);
}

/**
 * Keyset pagination: rows after the cursor's (key, id) in page order, written so that the database
 * starts the sort index's range at the cursor. A row-value comparison does that on both databases
 * (with an OR instead, PostgreSQL read the index from the start: 77 ms for a page half-way through
 * 100,000 users). SQLite cannot match a row value against an expression index (the last-active
 * order), so there the range is the key alone and ties on it are stepped over.
 */
function afterCursor(key: RawBuilder<string>, page: ListPage, idColumn: 'users.id' | 'group_members.user_id', rowValue: boolean): RawBuilder<boolean> {
  const cmp = sql.raw(page.order === 'asc' ? '>' : '<');
  const value = page.after?.value ?? '';
  const afterId = page.after?.id ?? '';
  const id = sql.ref(idColumn);
  if (rowValue) return sql<boolean>`(${key}, ${id}) ${cmp} (${value}, ${afterId})`;
  return sql<boolean>`${key} ${sql.raw(page.order === 'asc' ? '>=' : '<=')} ${value} AND (${key} ${cmp} ${value} OR ${id} ${cmp} ${afterId})`;
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
