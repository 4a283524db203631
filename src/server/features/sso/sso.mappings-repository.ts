// The Kysely code of single sign-on's attribute mapping: group-to-role rules with what deciding on
// them needs (the role's name and permissions, the current role of the administrator who made the
// rule), the memberships single sign-on added, and the role a rule last gave each user.
import type { DbOrTrx } from '../../db/database.js';
import { afterKeyset, type Keyset } from '../../platform/keyset.js';
import type { SsoRoleRuleRow } from './sso.table.js';

function rulesQuery(db: DbOrTrx, organizationId: string, connectionId: string) {
  return db
    .selectFrom('sso_role_rules as m')
    .innerJoin('roles as r', 'r.id', 'm.role_id')
    .leftJoin('users as c', (join) => join.onRef('c.id', '=', 'm.created_by').onRef('c.organization_id', '=', 'm.organization_id'))
    .leftJoin('roles as cr', 'cr.id', 'c.role_id')
    .select([
      'm.id',
      'm.idp_group',
      'm.role_id',
      'r.name as role_name',
      'r.permissions as role_permissions',
      'm.created_by',
      'c.name as creator_name',
      'c.status as creator_status',
      'cr.permissions as creator_permissions',
      'm.created_at',
    ])
    .where('m.organization_id', '=', organizationId)
    .where('m.connection_id', '=', connectionId);
}

/** Every rule of the connection, by IdP group (what a sign-in applies). */
export function rulesWithContext(db: DbOrTrx, organizationId: string, connectionId: string) {
  return rulesQuery(db, organizationId, connectionId).orderBy('m.idp_group').orderBy('m.id').execute();
}

/** One keyset page of the connection's rules by (IdP group, id), with one row more than `limit` when another page follows. */
export function rulePageWithContext(db: DbOrTrx, organizationId: string, connectionId: string, after: Keyset | null, limit: number) {
  let q = rulesQuery(db, organizationId, connectionId);
  if (after) q = q.where(afterKeyset({ key: 'm.idp_group', id: 'm.id' }, after, 'asc'));
  return q
    .orderBy('m.idp_group')
    .orderBy('m.id')
    .limit(limit + 1)
    .execute();
}
export type RuleWithContext = Awaited<ReturnType<typeof rulesWithContext>>[number];

export function findRule(db: DbOrTrx, organizationId: string, connectionId: string, id: string) {
  return db
    .selectFrom('sso_role_rules')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('connection_id', '=', connectionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRuleOfGroup(db: DbOrTrx, connectionId: string, idpGroup: string) {
  return db.selectFrom('sso_role_rules').select('id').where('connection_id', '=', connectionId).where('idp_group', '=', idpGroup).executeTakeFirst();
}

export async function insertRule(db: DbOrTrx, row: SsoRoleRuleRow): Promise<void> {
  await db.insertInto('sso_role_rules').values(row).execute();
}

export async function deleteRule(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sso_role_rules').where('id', '=', id).execute();
}

/** The groups single sign-on put this user in through this connection. */
export async function managedGroupIds(db: DbOrTrx, connectionId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sso_managed_memberships')
    .select('group_id')
    .where('connection_id', '=', connectionId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.group_id);
}

export async function markManaged(
  db: DbOrTrx,
  row: { organization_id: string; connection_id: string; user_id: string },
  groupIds: readonly string[],
  now: string,
) {
  for (const group_id of groupIds)
    await db
      .insertInto('sso_managed_memberships')
      .values({ ...row, group_id, added_at: now })
      .execute();
}

export async function unmarkManaged(db: DbOrTrx, connectionId: string, userId: string, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length === 0) return;
  await db
    .deleteFrom('sso_managed_memberships')
    .where('connection_id', '=', connectionId)
    .where('user_id', '=', userId)
    .where('group_id', 'in', [...groupIds])
    .execute();
}

export async function mappedRoleOf(db: DbOrTrx, connectionId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('sso_mapped_roles')
    .select('role_id')
    .where('connection_id', '=', connectionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role_id ?? null;
}

export async function setMappedRole(
  db: DbOrTrx,
  key: { organization_id: string; connection_id: string; user_id: string },
  roleId: string | null,
  now: string,
): Promise<void> {
  await db.deleteFrom('sso_mapped_roles').where('connection_id', '=', key.connection_id).where('user_id', '=', key.user_id).execute();
  if (roleId)
    await db
      .insertInto('sso_mapped_roles')
      .values({ ...key, role_id: roleId, updated_at: now })
      .execute();
}

/** The organization's groups whose names (compared lower-cased) are among `names`. */
export async function groupsNamed(db: DbOrTrx, organizationId: string, names: readonly string[]): Promise<{ id: string; name: string }[]> {
  const normalized = [...new Set(names.map((n) => n.toLowerCase()))];
  const found: { id: string; name: string }[] = [];
  for (let i = 0; i < normalized.length; i += 500) {
    const part = normalized.slice(i, i + 500);
    found.push(
      ...(await db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', organizationId).where('name_normalized', 'in', part).execute()),
    );
  }
  return found;
}
