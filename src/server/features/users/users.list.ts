// The users list: filtered, sorted pages with keyset cursors, the summaries they show, and the CSV export of a view.
import Papa from 'papaparse';
import { FORMULA_CELL } from '../../../contracts/csv.js';
import type { UserCount, UserFilter, UserList, UserListQuery, UserSummary } from '../../../contracts/users.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { readDbOf } from '../../platform/read-routing.js';
import { listUserPage } from './users.page.js';
import { countAllMatching, type UserFilterAt } from './users.repository.js';
import type { ListedUserJson } from './users.summaries.js';
import type { UserRow } from './users.table.js';

type SummaryColumns = Pick<UserRow, 'id' | 'name' | 'email' | 'status' | 'role_id' | 'last_active_at' | 'created_at' | 'provisioned_by'>;

export function userRowToSummary(row: SummaryColumns, roleName: string, groups: { id: string; name: string }[]): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status: row.status,
    role: { id: row.role_id, name: roleName },
    groups,
    lastActiveAt: row.last_active_at,
    createdAt: row.created_at,
    provisionedBy: row.provisioned_by,
  };
}

export function encodeCursor(value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string | null; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof value === 'string' || value === null) && typeof id === 'string') return { value, id };
  } catch {
    // fall through
  }
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
}

const sortValue = {
  name: (r: ListedUserJson) => r.name,
  email: (r: ListedUserJson) => r.email_normalized,
  created: (r: ListedUserJson) => r.created_at,
  last_active: (r: ListedUserJson) => r.last_active_at ?? '',
} as const;

/** A page of the list with each item as its JSON text: what GET /api/users sends. */
type UserListOfJson = Omit<UserList, 'items'> & { items: string[] };

/** A page of the list as the JSON the API answers with, its items as the database built them (users.summaries.ts). */
export async function listUsersJson(ctx: RequestContext, query: UserListQuery): Promise<string> {
  const { items, ...rest } = await listUserSummaries(ctx, query);
  return `{"items":[${items.join(',')}],${JSON.stringify(rest).slice(1)}`;
}

/** A page of the list as objects (the CSV export reads it). */
export async function listUsers(ctx: RequestContext, query: UserListQuery): Promise<UserList> {
  const { items, ...rest } = await listUserSummaries(ctx, query);
  return { items: items.map((item) => JSON.parse(item) as UserSummary), ...rest };
}

async function listUserSummaries(ctx: RequestContext, query: UserListQuery): Promise<UserListOfJson> {
  const db = await readDbOf(ctx);
  const { dialect } = ctx.deps;
  const sort = query.sort ?? 'name';
  const order = query.order ?? (sort === 'last_active' || sort === 'created' ? 'desc' : 'asc');
  const limit = query.limit ?? 50;
  const filter: UserFilterAt = {
    search: query.search,
    roleId: query.roleId,
    groupId: query.groupId,
    status: query.status,
    lastActive: query.lastActive,
    now: nowIso(ctx.deps),
  };
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const pageSpec = { sort, order, limit, after };
  const { rows, total, exact } = await listUserPage(db, ctx.organizationId, filter, pageSpec, dialect);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => row.summary),
    total,
    totalExact: exact,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue[sort](last), last.id) : null,
  };
}

/** Exactly how many users a filter matches: what "Count all" shows where the list's total is capped. */
export async function countUsers(ctx: RequestContext, filter: UserFilter): Promise<UserCount> {
  const db = await readDbOf(ctx);
  return { total: await countAllMatching(db, ctx.organizationId, { ...filter, now: nowIso(ctx.deps) }, ctx.deps.dialect) };
}

/** The current filtered view as CSV, in the list's order. */
export async function exportUsersCsv(ctx: RequestContext, filter: UserFilter, sort: UserListQuery['sort'], order: UserListQuery['order']): Promise<string> {
  const rows: UserSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(ctx, { ...filter, sort, order, limit: 200, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return Papa.unparse(
    {
      fields: ['name', 'email', 'role', 'groups', 'status', 'last_active', 'created'],
      data: rows.map((u) => [u.name, u.email, u.role.name, u.groups.map((g) => g.name).join('; '), u.status, u.lastActiveAt ?? '', u.createdAt]),
    },
    { escapeFormulae: FORMULA_CELL },
  );
}
