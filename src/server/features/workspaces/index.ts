// The workspaces feature's front door: the Workspaces a user reaches, and how.
export { userWorkspaces, userWorkspacesFrom, workspaceReachColumn } from './workspaces.reach.js';
export { WORKSPACES_ERRORS } from './workspaces.errors.js';
