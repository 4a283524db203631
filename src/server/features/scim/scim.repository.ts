// The SCIM feature's Kysely code. SCIM resources are views over the product's own rows: a SCIM User
// is a users row with its scim_users side, a SCIM Group a groups row with its scim_groups side. The
// joins below only READ the users, groups and group_members tables, so a filter such as
// `userName eq "…"` stays one index seek; every write to those tables goes through the owning
// feature's front door.
import type { RawBuilder, SqlBool } from 'kysely';
import { chunks } from '../../db/chunks.js';
import type { DbOrTrx } from '../../db/database.js';
import type { ScimGroupsTable, ScimUsersTable } from './scim.table.js';
import type { Insertable, Updateable } from 'kysely';

function usersView(db: DbOrTrx, organizationId: string) {
  return db
    .selectFrom('scim_users as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .where('s.organization_id', '=', organizationId)
    .where('s.deleted_at', 'is', null)
    .where('u.status', '!=', 'deleted');
}

const USER_COLUMNS = [
  's.user_id',
  's.user_name',
  's.external_id',
  's.given_name',
  's.family_name',
  's.email_type',
  's.profile',
  's.enterprise',
  's.version',
  's.created_at',
  's.updated_at',
  'u.email',
  'u.name',
  'u.status',
  'u.role_id',
  'u.version as user_version',
  'u.updated_at as user_updated_at',
] as const;

export type ScimUserView = Awaited<ReturnType<typeof findScimUser>> & object;

export function findScimUser(db: DbOrTrx, organizationId: string, userId: string) {
  return usersView(db, organizationId).select(USER_COLUMNS).where('s.user_id', '=', userId).executeTakeFirst();
}

/** The organization's SCIM users matching a compiled filter (for the list, and for checking its query plan). */
export function filteredScimUsers(db: DbOrTrx, organizationId: string, where: RawBuilder<SqlBool> | null) {
  const q = usersView(db, organizationId);
  return where ? q.where(where) : q;
}

export async function listScimUsers(
  db: DbOrTrx,
  organizationId: string,
  where: RawBuilder<SqlBool> | null,
  offset: number,
  limit: number,
  order: RawBuilder<unknown> | null = null,
) {
  const q = filteredScimUsers(db, organizationId, where);
  const ordered = order ? q.select(USER_COLUMNS).orderBy(order) : q.select(USER_COLUMNS);
  const [rows, total] = await Promise.all([
    limit > 0 ? ordered.orderBy('s.user_id').offset(offset).limit(limit).execute() : Promise.resolve([]),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The live SCIM link of another user holding this userName or externalId (uniqueness per organization). */
export async function findConflictingLink(
  db: DbOrTrx,
  organizationId: string,
  field: 'user_name_normalized' | 'external_id',
  value: string,
  exceptUserId: string | null,
) {
  let q = db.selectFrom('scim_users').select('user_id').where('organization_id', '=', organizationId).where(field, '=', value).where('deleted_at', 'is', null);
  if (exceptUserId) q = q.where('user_id', '!=', exceptUserId);
  return q.executeTakeFirst();
}

/** The SCIM side of a user, live or unlinked by an earlier DELETE. */
export function findLink(db: DbOrTrx, organizationId: string, userId: string) {
  return db.selectFrom('scim_users').selectAll().where('organization_id', '=', organizationId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertLink(db: DbOrTrx, row: Insertable<ScimUsersTable>): Promise<void> {
  await db.insertInto('scim_users').values(row).execute();
}

export async function updateLink(db: DbOrTrx, organizationId: string, userId: string, patch: Updateable<ScimUsersTable>): Promise<void> {
  await db.updateTable('scim_users').set(patch).where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
}

/** The SCIM groups each user belongs to. */
export async function scimGroupsOfUsers(db: DbOrTrx, organizationId: string, userIds: readonly string[]) {
  const byUser = new Map<string, { id: string; name: string }[]>();
  for (const part of chunks(userIds)) {
    const rows = await db
      .selectFrom('group_members as gm')
      .innerJoin('scim_groups as sg', 'sg.group_id', 'gm.group_id')
      .innerJoin('groups as g', 'g.id', 'gm.group_id')
      .select(['gm.user_id', 'g.id', 'g.name'])
      .where('gm.organization_id', '=', organizationId)
      .where('gm.user_id', 'in', part)
      .orderBy('g.name')
      .execute();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { id: r.id, name: r.name }]);
  }
  return byUser;
}

function groupsView(db: DbOrTrx, organizationId: string) {
  return db.selectFrom('scim_groups as sg').innerJoin('groups as g', 'g.id', 'sg.group_id').where('sg.organization_id', '=', organizationId);
}

const GROUP_COLUMNS = ['sg.group_id', 'sg.external_id', 'sg.version', 'sg.created_at', 'sg.updated_at', 'g.name', 'g.updated_at as group_updated_at'] as const;
export type ScimGroupView = Awaited<ReturnType<typeof findScimGroup>> & object;

export function findScimGroup(db: DbOrTrx, organizationId: string, groupId: string) {
  return groupsView(db, organizationId).select(GROUP_COLUMNS).where('sg.group_id', '=', groupId).executeTakeFirst();
}

export async function listScimGroups(
  db: DbOrTrx,
  organizationId: string,
  where: RawBuilder<SqlBool> | null,
  offset: number,
  limit: number,
  order: RawBuilder<unknown> | null = null,
) {
  let q = groupsView(db, organizationId);
  if (where) q = q.where(where);
  const ordered = order ? q.select(GROUP_COLUMNS).orderBy(order) : q.select(GROUP_COLUMNS);
  const [rows, total] = await Promise.all([
    limit > 0 ? ordered.orderBy('sg.group_id').offset(offset).limit(limit).execute() : Promise.resolve([]),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findGroupLinkByExternalId(db: DbOrTrx, organizationId: string, externalId: string, exceptGroupId: string | null) {
  let q = db.selectFrom('scim_groups').select('group_id').where('organization_id', '=', organizationId).where('external_id', '=', externalId);
  if (exceptGroupId) q = q.where('group_id', '!=', exceptGroupId);
  return q.executeTakeFirst();
}

export async function insertGroupLink(db: DbOrTrx, row: Insertable<ScimGroupsTable>): Promise<void> {
  await db.insertInto('scim_groups').values(row).execute();
}

export async function updateGroupLink(db: DbOrTrx, organizationId: string, groupId: string, patch: Updateable<ScimGroupsTable>): Promise<void> {
  await db.updateTable('scim_groups').set(patch).where('organization_id', '=', organizationId).where('group_id', '=', groupId).execute();
}

export async function deleteGroupLink(db: DbOrTrx, organizationId: string, groupId: string): Promise<void> {
  await db.deleteFrom('scim_groups').where('organization_id', '=', organizationId).where('group_id', '=', groupId).execute();
}

/** The SCIM users among a group's members (console-added members who are not SCIM users are not the IdP's to see or change). */
export function scimMembersOf(db: DbOrTrx, organizationId: string, groupId: string) {
  return db
    .selectFrom('group_members as gm')
    .innerJoin('scim_users as s', 's.user_id', 'gm.user_id')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select(['gm.user_id', 'u.name', 'u.email', 'u.role_id'])
    .where('gm.organization_id', '=', organizationId)
    .where('gm.group_id', '=', groupId)
    .where('s.deleted_at', 'is', null)
    .where('u.status', '!=', 'deleted')
    .orderBy('gm.user_id')
    .execute();
}

/** The SCIM users of the organization among `ids`, set-based in statement-sized parts. */
export async function scimUsersAmong(db: DbOrTrx, organizationId: string, ids: readonly string[]) {
  const found: { user_id: string; email: string; role_id: string }[] = [];
  for (const part of chunks([...new Set(ids)])) {
    found.push(...(await usersView(db, organizationId).select(['s.user_id', 'u.email', 'u.role_id']).where('s.user_id', 'in', part).execute()));
  }
  return found;
}
