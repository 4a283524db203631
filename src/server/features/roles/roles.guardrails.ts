import { ACCESS_ADMIN_PERMISSIONS, DEFAULT_ROLE_KEY, PERMISSIONS, SYSTEM_ROLES } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Actor } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { ROLES_ERRORS } from './roles.errors.js';

const labels = new Map(PERMISSIONS.map((p) => [p.key, p.label]));
const labelled = (keys: readonly string[]) => keys.map((p) => labels.get(p as never) ?? p).join(', ');

/** The permissions in `permissions` that the actor does not hold. */
export function missingFrom(actor: Actor, permissions: readonly string[]): string[] {
  return permissions.filter((p) => !actor.permissions.has(p));
}

/** Nobody grants what they do not hold: the one check every path that assigns a role goes through. */
export function assertNoEscalation(actor: Actor, permissions: readonly string[], roleName: string): void {
  const missing = missingFrom(actor, permissions);
  if (missing.length > 0) {
    throw fail(
      ROLES_ERRORS,
      'ROLE_ESCALATION',
      { missing, role: roleName },
      `You cannot assign "${roleName}": it includes permissions your own role does not have (${labelled(missing)}). Ask an administrator who holds them.`,
    );
  }
}

export function assertNotSelf(actor: Actor, userId: string): void {
  if (actor.userId === userId) throw fail(ROLES_ERRORS, 'SELF_ROLE_CHANGE');
}

/**
 * The refusal for acting on someone whose role holds permissions the actor lacks (demoting,
 * deactivating, signing out, regrouping or deleting an Admin as a User manager), or null.
 */
export function outrankingRefusal(actor: Actor, target: { email: string }, targetPermissions: readonly string[]): AppError | null {
  const missing = missingFrom(actor, targetPermissions);
  if (missing.length === 0) return null;
  return fail(
    ROLES_ERRORS,
    'TARGET_OUTRANKS_ACTOR',
    { missing, email: target.email },
    `${target.email} holds permissions your own role does not have (${labelled(missing)}), so you cannot change their access. Ask an administrator who holds them.`,
  );
}

/** The permissions of each role of the organization, read once per change. */
export async function permissionsByRole(db: DbOrTrx, organizationId: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('roles').select(['id', 'permissions']).where('organization_id', '=', organizationId).execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.permissions) as string[]]));
}

/** Refuses acting on a user whose effective permissions are not a subset of the actor's. */
export async function assertMayActOn(db: DbOrTrx, actor: Actor, organizationId: string, target: { email: string; role_id: string }): Promise<void> {
  const refusal = outrankingRefusal(actor, target, (await permissionsByRole(db, organizationId)).get(target.role_id) ?? []);
  if (refusal) throw refusal;
}

/** The users among `targets` whose role outranks the actor, with the refusal for each. */
export async function outrankingTargets<T extends { id: string; email: string; role_id: string }>(
  db: DbOrTrx,
  actor: Actor,
  organizationId: string,
  targets: readonly T[],
): Promise<Map<string, AppError>> {
  const roles = await permissionsByRole(db, organizationId);
  const refused = new Map<string, AppError>();
  for (const target of targets) {
    const refusal = outrankingRefusal(actor, target, roles.get(target.role_id) ?? []);
    if (refusal) refused.set(target.id, refusal);
  }
  return refused;
}

export function grantsAccessAdmin(permissions: readonly string[]): boolean {
  return ACCESS_ADMIN_PERMISSIONS.every((p) => permissions.includes(p));
}

/** Active users, other than `exceptUserIds`, whose role can manage both users' roles and roles. */
export async function countOtherAccessAdmins(db: DbOrTrx, organizationId: string, exceptUserIds: readonly string[]): Promise<number> {
  const roles = await permissionsByRole(db, organizationId);
  const adminRoleIds = [...roles].filter(([, permissions]) => grantsAccessAdmin(permissions)).map(([id]) => id);
  if (adminRoleIds.length === 0) return 0;
  let q = db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('role_id', 'in', adminRoleIds);
  if (exceptUserIds.length > 0) q = q.where('id', 'not in', exceptUserIds);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Whether a role change from `before` to `after` takes away the ability to manage users and roles. */
export function losesAccessAdmin(before: readonly string[], after: readonly string[]): boolean {
  return grantsAccessAdmin(before) && !grantsAccessAdmin(after);
}

/** Whether nobody able to manage users and roles would remain if `losingUserIds` lost that ability. */
export async function wouldLeaveNoAccessAdmin(db: DbOrTrx, organizationId: string, losingUserIds: readonly string[]): Promise<boolean> {
  if (losingUserIds.length === 0) return false;
  return (await countOtherAccessAdmins(db, organizationId, losingUserIds)) === 0;
}

/**
 * Refuses a change that would leave the organization with nobody able to manage users and roles.
 * Call inside the change's transaction, with the users who would lose that ability.
 */
export async function assertKeepsAccessAdmin(db: DbOrTrx, organizationId: string, losingUserIds: readonly string[]): Promise<void> {
  if (await wouldLeaveNoAccessAdmin(db, organizationId, losingUserIds)) throw fail(ROLES_ERRORS, 'LAST_ACCESS_ADMIN');
}

/**
 * Serializes access changes within one organization on PostgreSQL, so two administrators demoting
 * each other at once cannot both pass the last-admin check. SQLite transactions are already serial.
 */
export async function lockOrganizationForAccessChange(trx: DbOrTrx, dialect: 'sqlite' | 'postgres', organizationId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await trx.selectFrom('organizations').select('id').where('id', '=', organizationId).forUpdate().execute();
}

/** Nobody adds to a role a permission they do not hold themselves. `added` are the new keys only. */
export function assertCanAddPermissions(actor: Actor, added: readonly string[], roleName: string): void {
  const missing = missingFrom(actor, added);
  if (missing.length > 0) {
    throw fail(
      ROLES_ERRORS,
      'ROLE_ESCALATION',
      { missing, role: roleName },
      `You cannot add permissions your own role does not have to "${roleName}" (${labelled(missing)}). Ask an administrator who holds them.`,
    );
  }
}

/** What an invitation gives when it names no role: the default role's permissions. */
export const DEFAULT_ROLE_PERMISSIONS: readonly string[] = SYSTEM_ROLES.find((r) => r.key === DEFAULT_ROLE_KEY)!.permissions;

/**
 * A role that can invite must be able to grant the default role, or every default invitation by its
 * holders would be refused as an escalation: such a role holds every permission of the default role.
 * Returns the permissions it lacks (empty when it is fine).
 */
export function missingForDefaultInvitations(permissions: readonly string[]): string[] {
  if (!permissions.includes('users.invite')) return [];
  return DEFAULT_ROLE_PERMISSIONS.filter((p) => !permissions.includes(p));
}

export function assertCanGrantDefaultRole(permissions: readonly string[], roleName: string): void {
  const missing = missingForDefaultInvitations(permissions);
  if (missing.length > 0) {
    const defaultName = SYSTEM_ROLES.find((r) => r.key === DEFAULT_ROLE_KEY)!.name;
    throw fail(
      ROLES_ERRORS,
      'DEFAULT_ROLE_NOT_GRANTABLE',
      { missing, defaultRole: defaultName },
      `"${roleName}" can invite people, so it must hold every permission of ${defaultName}, the role invitations give by default. Add ${labelled(missing)}, or remove "Invite users".`,
    );
  }
}
