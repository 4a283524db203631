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

export async function countUsersByRole(db: DbOrTrx, organizationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['role_id', (eb) => eb.fn.countAll<number>().as('count')])
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
