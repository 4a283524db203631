// The workspaces feature's front door: the Workspaces a user reaches, and how.
export { userWorkspaces } from './workspaces.service.js';
export { WORKSPACES_ERRORS } from './workspaces.errors.js';
