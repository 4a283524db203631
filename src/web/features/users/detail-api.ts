import { call } from '../../shared/client';

export const userKeys = {
  detail: (id: string) => ['user', id] as const,
  history: (id: string) => ['user', id, 'history'] as const,
  roles: ['roles'] as const,
};

export const fetchUserDetail = (id: string) => call('get', '/api/users/{id}', { path: { id } });

export const fetchUserHistory = (id: string, cursor?: string) => call('get', '/api/users/{id}/history', { path: { id }, query: { limit: 50, cursor } });

/** Every role (the role select needs them all): the pages of GET /api/roles, followed to the end. */
export { fetchAllRoles as fetchRoles } from '../../shared/lookups';

export const changeUserRole = (id: string, body: { roleId: string; reason?: string; version: number }) =>
  call('put', '/api/users/{id}/role', { path: { id }, body });

export const changeUserGroups = (id: string, body: { groupIds: string[]; reason?: string; version: number }) =>
  call('put', '/api/users/{id}/groups', { path: { id }, body });

export const signOutEverywhere = (id: string, reason?: string) => call('post', '/api/users/{id}/sign-out-everywhere', { path: { id }, body: { reason } });

export const allowPasskeyRecovery = (id: string, reason?: string) => call('post', '/api/users/{id}/passkey-recovery', { path: { id }, body: { reason } });

export const resendInvitation = (invitationId: string, reason?: string) =>
  call('post', '/api/invitations/{id}/resend', { path: { id: invitationId }, body: { reason } });
