// The roles feature's front door: a role's permissions, and the guardrails every feature that gives,
// changes or removes someone's access goes through.
export { findDefaultRole, findRole, listRoleRowsOf, requireRole, rolePermissions, seedSystemRoles } from './roles.service.js';
export {
  assertKeepsAccessAdmin,
  assertMayActOn,
  assertNoEscalation,
  grantsAccessAdmin,
  lockOrganizationForAccessChange,
  outrankingRefusal,
  outrankingTargets,
  wouldLeaveNoAccessAdmin,
} from './roles.guardrails.js';
export { ROLES_ERRORS } from './roles.errors.js';
export type { RoleRow } from './roles.table.js';
