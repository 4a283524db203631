// The users feature's front door: finding a user, creating and activating accounts, and moving users
// to a role through every guardrail.
export { assignRole, assignRoles, requireUser, type RoleAssignment } from './users.service.js';
export {
  accountCountsOf,
  activateInvitedUser,
  createUserAccount,
  findActiveUsersByEmail,
  findUserByEmail,
  markProvisioned,
  updateInvitedUser,
  updateUserProfile,
  userSearchText,
  usersByIds,
} from './users.accounts.js';
export { requireUserForChange } from './users.service.js';
export { listMatchingUserIds } from './users.repository.js';
export { USERS_ERRORS } from './users.errors.js';
export { BULK_ACTION_PERMISSIONS } from './users.routes.js';
export type { UserRow } from './users.table.js';
