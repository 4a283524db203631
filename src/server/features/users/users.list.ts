// The users list: filtered, sorted pages with keyset cursors, the summaries they show, and the CSV export of a view.
import Papa from 'papaparse';
import { FORMULA_CELL } from '../../../contracts/csv.js';
import type { UserFilter, UserList, UserListQuery, UserSummary } from '../../../contracts/users.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { usageSummariesOf } from '../usage/index.js';
import { USERS_ERRORS } from './users.errors.js';
import { groupsOfUsers, listUserPage, roleNames, type UserFilterAt } from './users.repository.js';
import type { UserRow } from './users.table.js';

export function userRowToSummary(row: UserRow, roleName: string, groups: { id: string; name: string }[]): UserSummary {
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
  throw fail(USERS_ERRORS, 'INVALID_CURSOR');
}

const sortValue = {
  name: (r: UserRow) => r.name,
  email: (r: UserRow) => r.email_normalized,
  created: (r: UserRow) => r.created_at,
  last_active: (r: UserRow) => r.last_active_at ?? '',
} as const;

export const NO_USAGE = { events30d: 0, topType: null };

async function summaries(db: DbOrTrx, organizationId: string, rows: UserRow[], now: Date): Promise<UserSummary[]> {
  const ids = rows.map((r) => r.id);
  const [roles, groups, usage] = await Promise.all([
    roleNames(db, organizationId),
    groupsOfUsers(db, organizationId, ids),
    usageSummariesOf(db, organizationId, ids, now),
  ]);
  return rows.map((row) => ({ ...userRowToSummary(row, roles.get(row.role_id) ?? '', groups.get(row.id) ?? []), usage: usage.get(row.id) ?? NO_USAGE }));
}

export async function listUsers(ctx: RequestContext, query: UserListQuery): Promise<UserList> {
  const { db, dialect } = ctx.deps;
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
    items: await summaries(db, ctx.organizationId, page, ctx.deps.clock()),
    total,
    totalExact: exact,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue[sort](last), last.id) : null,
  };
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
