// The users a page of the list shows, as the JSON the list answers with: each row's UserSummary (its
// role, groups and 30-day usage) is built by the database in the page's own statement, as PostgREST
// builds its answers. Building it in JavaScript cost more than SQLite took to find the page: a row
// object per user, the groups' and usage's JSON parsed and then serialised again.
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { preparedQuery } from '../../db/prepared.js';
import { usageSummaryJsonColumn } from '../usage/index.js';
import { groupsColumn, type DetailsSpec, type ListedUser, type ListPage, type userPage } from './users.repository.js';

/** What the list needs of a listed user besides its summary: the values its cursor is made of. */
export type ListedUserJson = Pick<ListedUser, 'id' | 'name' | 'email_normalized' | 'created_at' | 'last_active_at'> & {
  /** The user's UserSummary, JSON text. */
  summary: string;
};

/** Where a query that lists users has each column: a page subquery `p`, or `users` joined with `roles`. */
type RowSource = 'p' | 'users';

/** The UserSummary of the row in `source`, as JSON text. */
function summaryJson(db: DbOrTrx, source: RowSource, spec: DetailsSpec): RawBuilder<string> {
  const column = (name: string) => sql.ref(`${source}.${name}`);
  const roleName = sql.ref(source === 'p' ? 'p.role_name' : 'roles.name');
  const groups = groupsColumn(db, spec, `${source}.id`);
  const usage = usageSummaryJsonColumn(db, spec.dialect, { userIdColumn: `${source}.id`, organizationId: spec.organizationId, fromDay: spec.usageFrom });
  const pairs = (object: string, nested: (value: RawBuilder<unknown>) => RawBuilder<unknown>) => sql`${sql.raw(object)}(
    'id', ${column('id')}, 'name', ${column('name')}, 'email', ${column('email')}, 'status', ${column('status')},
    'role', ${sql.raw(object)}('id', ${column('role_id')}, 'name', ${roleName}),
    'groups', ${nested(groups)}, 'lastActiveAt', ${column('last_active_at')}, 'createdAt', ${column('created_at')},
    'provisionedBy', ${column('provisioned_by')}, 'usage', ${nested(usage)})`;
  // SQLite's subqueries answer JSON as text: json() embeds it as JSON rather than as a string.
  if (spec.dialect === 'sqlite') return sql<string>`${pairs('json_object', (value) => sql`json(${value})`)}`;
  return sql<string>`${pairs('json_build_object', (value) => value)}::text`;
}

const OUTER_SORT_KEYS = { name: 'p.name', email: 'p.email_normalized', created: 'p.created_at', last_active: 'p.last_active_at' } as const;

/**
 * A page (already limited) with each user's summary added in the same statement. The page is a
 * subquery so that the summaries' correlated subqueries run for its rows only, whatever plan sorts
 * it; the outer ORDER BY keeps the page's order (sorting 51 rows).
 */
export function withSummaries(db: DbOrTrx, pageRows: ReturnType<typeof userPage>, page: ListPage, spec: DetailsSpec) {
  const key = page.sort === 'last_active' ? sql`COALESCE(p.last_active_at, '')` : sql.ref(OUTER_SORT_KEYS[page.sort]);
  return db
    .selectFrom(pageRows.as('p'))
    .select(['p.id', 'p.name', 'p.email_normalized', 'p.created_at', 'p.last_active_at'])
    .select(summaryJson(db, 'p', spec).as('summary'))
    .orderBy(key, page.order)
    .orderBy('p.id', page.order);
}

/** The users with these ids, in this order, with their summaries (a search's page, found as ids). */
export async function usersInOrder(db: DbOrTrx, ids: string[], spec: DetailsSpec): Promise<ListedUserJson[]> {
  if (ids.length === 0) return [];
  const rows = await usersByIds(db, { organizationId: spec.organizationId, ids: idList(spec.dialect, ids), usageFrom: spec.usageFrom });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A row purged between the two reads is simply left out.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The ids as one bound value: a JSON array for SQLite's json_each, an array for PostgreSQL's ANY. */
function idList(dialect: DetailsSpec['dialect'], ids: string[]): string | string[] {
  return dialect === 'sqlite' ? JSON.stringify(ids) : ids;
}

/**
 * Compiled once: the ids are one value (an IN list would make a new statement for each page size,
 * built and compiled on every request).
 */
const usersByIds = preparedQuery(['organizationId', 'ids', 'usageFrom'] as const, (db, v) => {
  const dialect = dialectOf(db);
  const ids = dialect === 'sqlite' ? sql<boolean>`users.id IN (SELECT value FROM json_each(${v.ids}))` : sql<boolean>`users.id = ANY(${v.ids})`;
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'users.name', 'users.email_normalized', 'users.created_at', 'users.last_active_at'])
    .select(summaryJson(db, 'users', { organizationId: v.organizationId, dialect, usageFrom: v.usageFrom }).as('summary'))
    .where('users.organization_id', '=', v.organizationId)
    .where(ids);
});
