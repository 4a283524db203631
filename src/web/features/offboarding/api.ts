import type { DeleteUserBody } from '../../../contracts/offboarding';
import type { operations } from '../../shared/api-types.generated';
import { call } from '../../shared/client';

export const fetchUser = (id: string) => call('get', '/api/users/{id}', { path: { id } });
export const deactivateUser = (id: string, reason?: string) => call('post', '/api/users/{id}/deactivate', { path: { id }, body: { reason } });
export const fetchPausedSequences = (id: string) => call('get', '/api/users/{id}/paused-sequences', { path: { id } });
export const reactivateUser = (id: string, body: { reason?: string; resumeSequenceIds?: string[] }) =>
  call('post', '/api/users/{id}/reactivate', { path: { id }, body });
export const fetchOwnershipReview = (id: string) => call('get', '/api/users/{id}/ownership', { path: { id } });
export const fetchOwnershipItems = (id: string, query: NonNullable<operations['listOwnedItems']['parameters']['query']>) =>
  call('get', '/api/users/{id}/ownership/items', { path: { id }, query });
export const submitDeletion = (id: string, body: DeleteUserBody) => call('post', '/api/users/{id}/delete', { path: { id }, body });
export const restoreUser = (id: string, reason?: string) => call('post', '/api/users/{id}/restore', { path: { id }, body: { reason } });
