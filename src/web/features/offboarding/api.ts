import type { Static } from 'typebox';
import type {
  DeactivateResult,
  DeleteUserBody,
  DeleteUserResult,
  OwnershipItemList,
  OwnershipReview,
  PausedSequence,
  RestoreResult,
} from '../../../contracts/offboarding';
import type { UserDetail } from '../../../contracts/users';
import { api } from '../../shared/api';

export const fetchUser = (id: string) => api<UserDetail>(`/api/users/${id}`);
export const deactivateUser = (id: string, reason?: string) => api<DeactivateResult>(`/api/users/${id}/deactivate`, { method: 'POST', body: { reason } });
export const fetchPausedSequences = (id: string) => api<{ items: Static<typeof PausedSequence>[] }>(`/api/users/${id}/paused-sequences`);
export const reactivateUser = (id: string, body: { reason?: string; resumeSequenceIds?: string[] }) =>
  api<{ status: string; sequencesResumed: number }>(`/api/users/${id}/reactivate`, { method: 'POST', body });
export const fetchOwnershipReview = (id: string) => api<OwnershipReview>(`/api/users/${id}/ownership`);
export const fetchOwnershipItems = (id: string, query: { type?: string; relation?: 'owned' | 'collaborating'; cursor?: string; limit?: number }) =>
  api<Static<typeof OwnershipItemList>>(`/api/users/${id}/ownership/items`, { query });
export const submitDeletion = (id: string, body: DeleteUserBody) => api<DeleteUserResult>(`/api/users/${id}/delete`, { method: 'POST', body });
export const restoreUser = (id: string, reason?: string) => api<Static<typeof RestoreResult>>(`/api/users/${id}/restore`, { method: 'POST', body: { reason } });
