import { ACCESS_ADMIN_PERMISSIONS, PERMISSIONS } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Actor } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';

const labels = new Map(PERMISSIONS.map((p) => [p.key, p.label]));

/** Nobody grants what they do not hold: the one check every path that assigns a role goes through. */
export function assertNoEscalation(actor: Actor, permissions: readonly string[], roleName: string): void {
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) {
    const names = missing.map((p) => labels.get(p as never) ?? p).join(', ');
    throw new AppError('ROLE_ESCALATION', 403, `You cannot assign "${roleName}": it includes permissions your own role does not have (${names}). Ask an administrator who holds them.`, { missing });
  }
}

export function assertNotSelf(actor: Actor, userId: string): void {
  if (actor.userId === userId) {
    throw new AppError('SELF_ROLE_CHANGE', 403, 'You cannot change your own role. Ask another administrator.');
  }
}

export function grantsAccessAdmin(permissions: readonly string[]): boolean {
  return ACCESS_ADMIN_PERMISSIONS.every((p) => permissions.includes(p));
}

/** Active users, other than `exceptUserIds`, whose role can manage both users' roles and roles. */
export async function countOtherAccessAdmins(db: DbOrTrx, organizationId: string, exceptUserIds: readonly string[]): Promise<number> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).where('organization_id', '=', organizationId).execute();
  const adminRoleIds = roles.filter((r) => grantsAccessAdmin(JSON.parse(r.permissions) as string[])).map((r) => r.id);
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

/**
 * Refuses a change that would leave the organization with nobody able to manage users and roles.
 * Call inside the change's transaction, with the users who would lose that ability.
 */
export async function assertKeepsAccessAdmin(db: DbOrTrx, organizationId: string, losingUserIds: readonly string[]): Promise<void> {
  if (losingUserIds.length === 0) return;
  if ((await countOtherAccessAdmins(db, organizationId, losingUserIds)) === 0) {
    throw new AppError('LAST_ACCESS_ADMIN', 409, 'This would leave your organization with nobody who can manage users and roles. Give that access to someone else first.');
  }
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
  const missing = added.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) {
    const names = missing.map((p) => labels.get(p as never) ?? p).join(', ');
    throw new AppError(
      'ROLE_ESCALATION',
      403,
      `You cannot add permissions your own role does not have to "${roleName}" (${names}). Ask an administrator who holds them.`,
      { missing },
    );
  }
}
