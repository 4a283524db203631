// The Kysely code of group-to-role mappings: the mappings with what deciding on them needs (the
// group's and role's names, the role's permissions, the current role of the administrator who made it).
import { chunks } from '../../db/chunks.js';
import type { DbOrTrx } from '../../db/database.js';
import { afterKeyset, type Keyset } from '../../platform/keyset.js';
import type { ScimRoleMappingRow } from './scim.table.js';

function mappingsQuery(db: DbOrTrx, organizationId: string) {
  return db
    .selectFrom('scim_role_mappings as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .innerJoin('roles as r', 'r.id', 'm.role_id')
    .leftJoin('users as c', (join) => join.onRef('c.id', '=', 'm.created_by').onRef('c.organization_id', '=', 'm.organization_id'))
    .leftJoin('roles as cr', 'cr.id', 'c.role_id')
    .select([
      'm.id',
      'm.group_id',
      'g.name as group_name',
      'm.role_id',
      'r.name as role_name',
      'r.permissions as role_permissions',
      'm.created_by',
      'c.name as creator_name',
      'c.status as creator_status',
      'cr.permissions as creator_permissions',
      'm.created_at',
    ])
    .where('m.organization_id', '=', organizationId);
}

/** Every mapping of the organization, by group name (what applying them needs). */
export function mappingsWithContext(db: DbOrTrx, organizationId: string) {
  return mappingsQuery(db, organizationId).orderBy('g.name_normalized').orderBy('m.id').execute();
}

/** One keyset page of mappings by (group name, id), with one row more than `limit` when another page follows. */
export function mappingPageWithContext(db: DbOrTrx, organizationId: string, after: Keyset | null, limit: number) {
  let q = mappingsQuery(db, organizationId).select('g.name_normalized as group_key');
  if (after) q = q.where(afterKeyset({ key: 'g.name_normalized', id: 'm.id' }, after, 'asc'));
  return q
    .orderBy('g.name_normalized')
    .orderBy('m.id')
    .limit(limit + 1)
    .execute();
}

export type MappingWithContext = Awaited<ReturnType<typeof mappingsWithContext>>[number];

export function findMapping(db: DbOrTrx, organizationId: string, id: string) {
  return db.selectFrom('scim_role_mappings').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findMappingOfGroup(db: DbOrTrx, organizationId: string, groupId: string) {
  return db.selectFrom('scim_role_mappings').selectAll().where('organization_id', '=', organizationId).where('group_id', '=', groupId).executeTakeFirst();
}

export async function insertMapping(db: DbOrTrx, row: ScimRoleMappingRow): Promise<void> {
  await db.insertInto('scim_role_mappings').values(row).execute();
}

export async function deleteMapping(db: DbOrTrx, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('scim_role_mappings').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/** Which of `groupIds` each of `userIds` belongs to. */
export async function membershipsAmong(db: DbOrTrx, organizationId: string, userIds: readonly string[], groupIds: readonly string[]) {
  const rows: { user_id: string; group_id: string }[] = [];
  if (groupIds.length === 0) return rows;
  for (const part of chunks(userIds)) {
    rows.push(
      ...(await db
        .selectFrom('group_members')
        .select(['user_id', 'group_id'])
        .where('organization_id', '=', organizationId)
        .where('group_id', 'in', groupIds)
        .where('user_id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** The live SCIM users among `userIds` with the role a mapping last gave each. */
export async function mappedRolesOf(db: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of chunks(userIds)) {
    const rows = await db
      .selectFrom('scim_users')
      .select(['user_id', 'mapped_role_id'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('user_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.user_id, r.mapped_role_id);
  }
  return out;
}

export async function setMappedRole(db: DbOrTrx, organizationId: string, userIds: readonly string[], roleId: string | null): Promise<void> {
  for (const part of chunks(userIds)) {
    await db.updateTable('scim_users').set({ mapped_role_id: roleId }).where('organization_id', '=', organizationId).where('user_id', 'in', part).execute();
  }
}

/** The organization's SCIM groups by name (what a mapping can name). */
export function scimGroupChoices(db: DbOrTrx, organizationId: string) {
  return db
    .selectFrom('scim_groups as sg')
    .innerJoin('groups as g', 'g.id', 'sg.group_id')
    .select(['g.id', 'g.name'])
    .where('sg.organization_id', '=', organizationId)
    .orderBy('g.name_normalized')
    .limit(5000)
    .execute();
}
