// The groups feature's front door: finding groups and changing who belongs to them.
export {
  countGroupMembers,
  createGroupInTransaction,
  deleteGroupInTransaction,
  findGroup,
  findGroupNamed,
  findGroups,
  renameGroupInTransaction,
  seedGroup,
} from './groups.service.js';
export { addToGroup, changeGroupMemberships, groupIdsOf, removeFromGroup } from './groups.memberships.js';
export { GROUPS_ERRORS } from './groups.errors.js';
export { groupIdsOfUserQuery } from './groups.repository.js';
export type { GroupRow } from './groups.table.js';
