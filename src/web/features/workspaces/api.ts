import type { Static } from 'typebox';
import type { CreateWorkspaceBody, WorkspaceListQuery, WorkspaceMembersBody } from '../../../contracts/workspaces';
import { call, everyPage } from '../../shared/client';

export const fetchWorkspaces = (query: Static<typeof WorkspaceListQuery>) => call('get', '/api/workspaces', { query });
export const fetchWorkspace = (id: string) => call('get', '/api/workspaces/{id}', { path: { id } });
export const createWorkspace = (body: Static<typeof CreateWorkspaceBody>) => call('post', '/api/workspaces', { body });
export const setWorkspaceMembers = (id: string, body: Static<typeof WorkspaceMembersBody>) =>
  call('put', '/api/workspaces/{id}/members', { path: { id }, body });
export const removeWorkspaceMember = (id: string, type: 'user' | 'group', memberId: string) =>
  call('delete', '/api/workspaces/{id}/members/{memberType}/{memberId}', { path: { id, memberType: type, memberId } });
export const fetchUserWorkspaces = (userId: string, cursor?: string) => call('get', '/api/users/{id}/workspaces', { path: { id: userId }, query: { cursor } });

/** The signed-in person's own Workspaces, the first `max` of them (by name), following the list's pages. */
export const fetchMyWorkspaces = async (max: number) => ({
  items: await everyPage((cursor) => call('get', '/api/account/workspaces', { query: { cursor, limit: 200 } }), max),
});
