import type { Static } from 'typebox';
import type {
  CreateWorkspaceBody,
  UserWorkspace,
  WorkspaceDetail,
  WorkspaceList,
  WorkspaceListQuery,
  WorkspaceMembersBody,
} from '../../../contracts/workspaces';
import { api } from '../../shared/api';

export const fetchWorkspaces = (query: Static<typeof WorkspaceListQuery>) => api<Static<typeof WorkspaceList>>('/api/workspaces', { query: { ...query } });
export const fetchWorkspace = (id: string) => api<WorkspaceDetail>(`/api/workspaces/${id}`);
export const createWorkspace = (body: Static<typeof CreateWorkspaceBody>) => api<WorkspaceDetail>('/api/workspaces', { method: 'POST', body });
export const setWorkspaceMembers = (id: string, body: Static<typeof WorkspaceMembersBody>) =>
  api<WorkspaceDetail>(`/api/workspaces/${id}/members`, { method: 'PUT', body });
export const removeWorkspaceMember = (id: string, type: 'user' | 'group', memberId: string) =>
  api<WorkspaceDetail>(`/api/workspaces/${id}/members/${type}/${memberId}`, { method: 'DELETE' });
export const fetchUserWorkspaces = (userId: string) => api<{ items: UserWorkspace[] }>(`/api/users/${userId}/workspaces`);
