import type { InvitationStatus, InviteBody } from '../../../contracts/invitations';
import { call } from '../../shared/client';

export const invite = (body: InviteBody, idempotencyKey?: string) =>
  call('post', '/api/invitations', { body, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined });

export const fetchInvitations = (query: { status?: InvitationStatus; cursor?: string; limit?: number }) => call('get', '/api/invitations', { query });

export const resendInvitation = (id: string, reason?: string) => call('post', '/api/invitations/{id}/resend', { path: { id }, body: { reason } });

export const revokeInvitation = (id: string, reason?: string) => call('post', '/api/invitations/{id}/revoke', { path: { id }, body: { reason } });

export const acceptInvitation = (token: string) => call('post', '/api/invitations/accept', { body: { token } });
