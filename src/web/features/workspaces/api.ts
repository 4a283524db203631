import type { Static } from 'typebox';
import type { CreateWorkspaceBody, WorkspaceListQuery, WorkspaceMembersBody } from '../../../contracts/workspaces';
import { call } from '../../shared/client';

export const fetchWorkspaces = (query: Static<typeof WorkspaceListQuery>) => call('get', '/api/workspaces', { query });
export const fetchWorkspace = (id: string) => call('get', '/api/workspaces/{id}', { path: { id } });
export const createWorkspace = (body: Static<typeof CreateWorkspaceBody>) => call('post', '/api/workspaces', { body });
export const setWorkspaceMembers = (id: string, body: Static<typeof WorkspaceMembersBody>) =>
  call('put', '/api/workspaces/{id}/members', { path: { id }, body });
export const removeWorkspaceMember = (id: string, type: 'user' | 'group', memberId: string) =>
  call('delete', '/api/workspaces/{id}/members/{memberType}/{memberId}', { path: { id, memberType: type, memberId } });
export const fetchUserWorkspaces = (userId: string) => call('get', '/api/users/{id}/workspaces', { path: { id: userId } });
