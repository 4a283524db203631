// What saving a role would change, previewed: the users it reaches and the guardrails it would meet.
import type { RoleImpact, RoleImpactBody } from '../../../contracts/roles.js';
import { isPrivilegedPermission } from '../../../contracts/permissions.js';
import { ROLES_ERRORS } from './roles.errors.js';
import { losesAccessAdmin, missingForDefaultInvitations, missingFrom, wouldLeaveNoAccessAdmin } from './roles.guardrails.js';
import { activeHolderIds, countRoleHoldersByStatus, listRoleHolders } from './roles.repository.js';
import { type Ctx, rolePermissions, requireRole, normalizePermissions, permissionRef } from './roles.service.js';

const IMPACT_USER_LIMIT = 200;

/** What saving `permissions` on the role (or a new role) would change, and the refusals it would meet. */
export async function roleImpact(ctx: Ctx, body: RoleImpactBody): Promise<RoleImpact> {
  const { db } = ctx.deps;
  const permissions = normalizePermissions(body.permissions);
  const role = body.roleId ? await requireRole(db, ctx.organizationId, body.roleId) : null;
  const oldPermissions = role ? rolePermissions(role) : [];
  const gained = permissions.filter((p) => !oldPermissions.includes(p));
  const lost = oldPermissions.filter((p) => !permissions.includes(p));
  const problems: RoleImpact['problems'] = [];
  if (role?.system_key) problems.push({ code: 'SYSTEM_ROLE_READONLY', message: ROLES_ERRORS.SYSTEM_ROLE_READONLY.message });
  // The same rules saving would enforce (roles.guardrails.ts), reported instead of thrown.
  const missing = missingFrom(ctx.actor, gained);
  if (missing.length > 0) {
    problems.push({
      code: 'ROLE_ESCALATION',
      permissions: missing,
      message: `Your own role does not have: ${missing.map((p) => permissionRef(p).label).join(', ')}. You cannot add these.`,
    });
  }
  const missingForInvites = missingForDefaultInvitations(permissions);
  if (missingForInvites.length > 0) {
    problems.push({
      code: 'DEFAULT_ROLE_NOT_GRANTABLE',
      permissions: missingForInvites,
      message: `Holders could invite people but not grant the default role: add ${missingForInvites.map((p) => permissionRef(p).label).join(', ')}, or remove "Invite users".`,
    });
  }
  let counts = { total: 0, active: 0 };
  let holders: { id: string; name: string; email: string; status: string }[] = [];
  if (role) {
    [counts, holders] = await Promise.all([
      countRoleHoldersByStatus(db, ctx.organizationId, role.id),
      listRoleHolders(db, ctx.organizationId, role.id, IMPACT_USER_LIMIT),
    ]);
    if (losesAccessAdmin(oldPermissions, permissions)) {
      if (await wouldLeaveNoAccessAdmin(db, ctx.organizationId, await activeHolderIds(db, ctx.organizationId, role.id))) {
        problems.push({ code: 'LAST_ACCESS_ADMIN', message: 'This would leave your organization with nobody who can manage users and roles.' });
      }
    }
  }
  return {
    roleId: role?.id ?? null,
    gained: gained.map(permissionRef),
    lost: lost.map(permissionRef),
    privilegedChange: [...gained, ...lost].some(isPrivilegedPermission),
    userCount: counts.total,
    activeUserCount: counts.active,
    users: holders.map((u) => ({ ...u, gained, lost })),
    truncated: counts.total > holders.length,
    problems,
  };
}
