import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { GroupPatch, GroupRow, NewGroupRow } from './groups.table.js';

export function findGroupById(db: DbOrTrx, organizationId: string, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findGroupByName(db: DbOrTrx, organizationId: string, nameNormalized: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('organization_id', '=', organizationId).where('name_normalized', '=', nameNormalized).executeTakeFirst();
}

export function findGroupsByIds(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<GroupRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('groups').selectAll().where('organization_id', '=', organizationId).where('id', 'in', ids).execute();
}

/** One keyset page by (name, id), with one row more than `limit` when another page follows. */
export function listGroupRowsWithCounts(db: DbOrTrx, organizationId: string, after: { name: string; id: string } | null, limit: number) {
  let q = db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name', 'groups.description', 'groups.created_at', 'groups.member_count'])
    .where('groups.organization_id', '=', organizationId);
  if (after) q = q.where((eb) => eb.or([eb('groups.name', '>', after.name), eb.and([eb('groups.name', '=', after.name), eb('groups.id', '>', after.id)])]));
  return q
    .orderBy('groups.name')
    .orderBy('groups.id')
    .limit(limit + 1)
    .execute();
}

/** The group's kept member count (triggers keep it with every membership change, migration 0010). */
export async function countMembers(db: DbOrTrx, organizationId: string, groupId: string): Promise<number> {
  const row = await db.selectFrom('groups').select('member_count').where('organization_id', '=', organizationId).where('id', '=', groupId).executeTakeFirst();
  return row?.member_count ?? 0;
}

/** A page of the group's members by name then id; `after` is the (name, id) of the last member seen. */
export function listMembers(db: DbOrTrx, organizationId: string, groupId: string, after: { name: string; id: string } | null, limit: number) {
  let q = db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.status', 'group_members.added_at'])
    .where('group_members.organization_id', '=', organizationId)
    .where('group_members.group_id', '=', groupId);
  if (after) q = q.where((eb) => eb.or([eb('users.name', '>', after.name), eb.and([eb('users.name', '=', after.name), eb('users.id', '>', after.id)])]));
  return q
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
}

export async function insertGroup(db: DbOrTrx, row: NewGroupRow): Promise<void> {
  await db.insertInto('groups').values(row).execute();
}

export async function updateGroupRow(db: DbOrTrx, organizationId: string, id: string, patch: GroupPatch): Promise<void> {
  await db.updateTable('groups').set(patch).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function deleteGroupRow(db: DbOrTrx, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('group_members').where('organization_id', '=', organizationId).where('group_id', '=', id).execute();
  await db.deleteFrom('groups').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/** The group ids of the user in `userIdColumn` (an outer query's column), as a subquery. */
export function groupIdsOfUserQuery(db: DbOrTrx, organizationId: string, userIdColumn: string) {
  return db
    .selectFrom('group_members')
    .select('group_members.group_id')
    .where('group_members.organization_id', '=', organizationId)
    .where(sql<boolean>`group_members.user_id = ${sql.ref(userIdColumn)}`);
}

export async function groupIdsOfUser(db: DbOrTrx, organizationId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id);
}

/** Adds memberships that do not exist yet; returns the user ids actually added. */
export async function addMemberships(
  db: DbOrTrx,
  organizationId: string,
  groupId: string,
  userIds: readonly string[],
  addedBy: string | null,
  now: string,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const existing = new Set(
    (await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', 'in', userIds).execute()).map((r) => r.user_id),
  );
  const added = [...new Set(userIds)].filter((id) => !existing.has(id));
  for (let i = 0; i < added.length; i += 500) {
    await db
      .insertInto('group_members')
      .values(added.slice(i, i + 500).map((user_id) => ({ organization_id: organizationId, group_id: groupId, user_id, added_by: addedBy, added_at: now })))
      .execute();
  }
  return added;
}

export async function removeMemberships(db: DbOrTrx, organizationId: string, groupId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const present = (
    await db
      .selectFrom('group_members')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .where('group_id', '=', groupId)
      .where('user_id', 'in', userIds)
      .execute()
  ).map((r) => r.user_id);
  if (present.length > 0) {
    await db
      .deleteFrom('group_members')
      .where('organization_id', '=', organizationId)
      .where('group_id', '=', groupId)
      .where('user_id', 'in', present)
      .execute();
  }
  return present;
}
