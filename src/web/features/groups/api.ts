import type { Group, GroupDetail } from '../../../contracts/groups';
import { api } from '../../shared/api';

export const groupKeys = {
  all: ['groups'] as const,
  detail: (id: string) => ['groups', id] as const,
};

export const fetchGroups = () => api<{ items: Group[] }>('/api/groups');
export const fetchGroup = (id: string) => api<GroupDetail>(`/api/groups/${encodeURIComponent(id)}`);

export const createGroup = (body: { name: string; description?: string; reason?: string }) => api<GroupDetail>('/api/groups', { method: 'POST', body });

export const updateGroup = (id: string, body: { name?: string; description?: string; reason?: string }) =>
  api<GroupDetail>(`/api/groups/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const deleteGroup = (id: string, reason?: string) => api<{ ok: true }>(`/api/groups/${encodeURIComponent(id)}`, { method: 'DELETE', query: { reason } });

export const addGroupMembers = (id: string, userIds: string[], reason?: string) =>
  api<GroupDetail>(`/api/groups/${encodeURIComponent(id)}/members`, { method: 'POST', body: { userIds, reason } });

export const removeGroupMembers = (id: string, userIds: string[], reason?: string) =>
  api<GroupDetail>(`/api/groups/${encodeURIComponent(id)}/members/remove`, { method: 'POST', body: { userIds, reason } });
