import { call } from '../../shared/client';

export const groupKeys = {
  all: ['groups'] as const,
  /** The paged list of the groups page (pages of { items, nextCursor }). */
  list: ['groups', 'list'] as const,
  detail: (id: string) => ['groups', id] as const,
};

/** One page of groups by name (50 a page; "Load more" asks for the next). */
export const fetchGroupsPage = (cursor: string | undefined) => call('get', '/api/groups', { query: { cursor } });
export const fetchGroup = (id: string) => call('get', '/api/groups/{id}', { path: { id } });

export const createGroup = (body: { name: string; description?: string; reason?: string }) => call('post', '/api/groups', { body });

export const updateGroup = (id: string, body: { name?: string; description?: string; reason?: string }) =>
  call('patch', '/api/groups/{id}', { path: { id }, body });

export const deleteGroup = (id: string, reason?: string) => call('delete', '/api/groups/{id}', { path: { id }, query: { reason } });

export const addGroupMembers = (id: string, userIds: string[], reason?: string) =>
  call('post', '/api/groups/{id}/members', { path: { id }, body: { userIds, reason } });

export const removeGroupMembers = (id: string, userIds: string[], reason?: string) =>
  call('post', '/api/groups/{id}/members/remove', { path: { id }, body: { userIds, reason } });

export const fetchGroupMembers = (id: string, cursor: string) => call('get', '/api/groups/{id}/members', { path: { id }, query: { cursor } });
