import type { AuditEvent } from '../../../contracts/audit';
import type { Role } from '../../../contracts/roles';
import type { UserDetail } from '../../../contracts/users';
import { api } from '../../shared/api';

export const userKeys = {
  detail: (id: string) => ['user', id] as const,
  history: (id: string) => ['user', id, 'history'] as const,
  roles: ['roles'] as const,
};

const base = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const fetchUserDetail = (id: string) => api<UserDetail>(base(id));

export const fetchUserHistory = (id: string, cursor?: string) =>
  api<{ items: AuditEvent[]; nextCursor: string | null }>(`${base(id)}/history`, { query: { limit: 50, cursor } });

export const fetchRoles = () => api<{ items: Role[] }>('/api/roles');

export const changeUserRole = (id: string, body: { roleId: string; reason?: string; version: number }) =>
  api<UserDetail>(`${base(id)}/role`, { method: 'PUT', body });

export const changeUserGroups = (id: string, body: { groupIds: string[]; reason?: string; version: number }) =>
  api<UserDetail>(`${base(id)}/groups`, { method: 'PUT', body });

export const signOutEverywhere = (id: string, reason?: string) =>
  api<{ revoked: number }>(`${base(id)}/sign-out-everywhere`, { method: 'POST', body: { reason } });

export const allowPasskeyRecovery = (id: string, reason?: string) =>
  api<{ recoveryUntil: string }>(`${base(id)}/passkey-recovery`, { method: 'POST', body: { reason } });

export const resendInvitation = (invitationId: string, reason?: string) =>
  api<{ ok: true }>(`/api/invitations/${encodeURIComponent(invitationId)}/resend`, { method: 'POST', body: { reason } });
