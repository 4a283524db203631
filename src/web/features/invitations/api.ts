import type { SignInResult } from '../../../contracts/auth';
import type { Invitation, InvitationStatus, InviteBody, InviteResponse } from '../../../contracts/invitations';
import { api } from '../../shared/api';

export const invite = (body: InviteBody, idempotencyKey?: string) =>
  api<InviteResponse>('/api/invitations', { method: 'POST', body, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined });

export const fetchInvitations = (query: { status?: InvitationStatus; cursor?: string; limit?: number }) =>
  api<{ items: Invitation[]; nextCursor: string | null }>('/api/invitations', { query });

export const resendInvitation = (id: string, reason?: string) =>
  api<{ ok: true }>(`/api/invitations/${encodeURIComponent(id)}/resend`, { method: 'POST', body: { reason } });

export const revokeInvitation = (id: string, reason?: string) =>
  api<{ ok: true }>(`/api/invitations/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: { reason } });

export const acceptInvitation = (token: string) => api<SignInResult>('/api/invitations/accept', { method: 'POST', body: { token } });
