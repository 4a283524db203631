import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { NewRoleRow, RolePatch, RoleRow } from './roles.table.js';

export function findRoleById(db: DbOrTrx, organizationId: string, roleId: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('organization_id', '=', organizationId).where('id', '=', roleId).executeTakeFirst();
}

export function findRoleBySystemKey(db: DbOrTrx, organizationId: string, key: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('organization_id', '=', organizationId).where('system_key', '=', key).executeTakeFirst();
}

export function findRoleByName(db: DbOrTrx, organizationId: string, nameNormalized: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('organization_id', '=', organizationId).where('name_normalized', '=', nameNormalized).executeTakeFirst();
}

export function listRoleRows(db: DbOrTrx, organizationId: string): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().where('organization_id', '=', organizationId).orderBy('system_key', 'desc').orderBy('name').execute();
}

/** Where a role sorts in the list: system roles (0) before custom ones (1). */
const customFirst = sql<number>`case when system_key is null then 1 else 0 end`;

/** The key of a role list page: its kind (0 system, 1 custom), name and id. */
export interface RoleListKey {
  custom: 0 | 1;
  name: string;
  id: string;
}

/** One page of the roles list: system roles, then custom ones, each by name then id; `after` is the last role seen. */
export function listRoleRowsPage(db: DbOrTrx, organizationId: string, after: RoleListKey | null, limit: number): Promise<RoleRow[]> {
  let q = db.selectFrom('roles').selectAll().where('organization_id', '=', organizationId);
  if (after) {
    q = q.where((eb) => {
      const later = eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]);
      const sameKind = eb.and([eb('system_key', after.custom ? 'is' : 'is not', null), later]);
      return after.custom ? sameKind : eb.or([eb('system_key', 'is', null), sameKind]);
    });
  }
  return q
    .orderBy(customFirst)
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** Holders of each role, every status: from the counts kept with every change (migration 0010), not a scan. */
export async function countUsersByRole(db: DbOrTrx, organizationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('user_counts')
    .select(['role_id', (eb) => eb.fn.sum<number>('n').as('count')])
    .where('organization_id', '=', organizationId)
    .groupBy('role_id')
    .execute();
  return new Map(rows.map((r) => [r.role_id, Number(r.count)]));
}

export async function insertRole(db: DbOrTrx, row: NewRoleRow): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: DbOrTrx, organizationId: string, roleId: string, patch: RolePatch): Promise<void> {
  await db.updateTable('roles').set(patch).where('organization_id', '=', organizationId).where('id', '=', roleId).execute();
}

export async function deleteRoleRow(db: DbOrTrx, organizationId: string, roleId: string): Promise<void> {
  await db.deleteFrom('roles').where('organization_id', '=', organizationId).where('id', '=', roleId).execute();
}

export async function countUsersWithRole(db: DbOrTrx, organizationId: string, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('user_counts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('count'))
    .where('organization_id', '=', organizationId)
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countPendingInvitationsWithRole(db: DbOrTrx, organizationId: string, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('role_id', '=', roleId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listRoleHolders(db: DbOrTrx, organizationId: string, roleId: string, limit: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status'])
    .where('organization_id', '=', organizationId)
    .where('role_id', '=', roleId)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countRoleHoldersByStatus(db: DbOrTrx, organizationId: string, roleId: string): Promise<{ total: number; active: number }> {
  const rows = await db.selectFrom('user_counts').select(['status', 'n']).where('organization_id', '=', organizationId).where('role_id', '=', roleId).execute();
  let total = 0;
  let active = 0;
  for (const r of rows) {
    total += Number(r.n);
    if (r.status === 'active') active += Number(r.n);
  }
  return { total, active };
}

export async function activeHolderIds(db: DbOrTrx, organizationId: string, roleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('role_id', '=', roleId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

export function findUserBrief(db: DbOrTrx, organizationId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'status']).where('organization_id', '=', organizationId).where('id', '=', userId).executeTakeFirst();
}

export async function userNames(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
