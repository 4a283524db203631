import type { StartBulkJobBody, StartInviteJobBody } from '../../../contracts/bulk-jobs';
import { call } from '../../shared/client';

/** A retried start carries the same key, so the server queues one job. */
export const startBulkJob = (body: StartBulkJobBody, idempotencyKey: string) =>
  call('post', '/api/bulk-jobs', { body, headers: { 'Idempotency-Key': idempotencyKey } });

/** A CSV import of more than 1,000 rows: the rows are stored on the server and invited by its worker. */
export const startInviteJob = (body: StartInviteJobBody, idempotencyKey: string) =>
  call('post', '/api/bulk-jobs/invitations', { body, headers: { 'Idempotency-Key': idempotencyKey } });

/** A CSV import job's results file (every row: line, email, outcome, message), for a download link. */
export const inviteJobResultsUrl = (id: string) => `/api/bulk-jobs/${encodeURIComponent(id)}/results.csv`;

export const fetchBulkJobs = () => call('get', '/api/bulk-jobs', { query: { limit: 5 } });

export const fetchBulkJob = (id: string) => call('get', '/api/bulk-jobs/{id}', { path: { id } });

export const cancelBulkJob = (id: string) => call('post', '/api/bulk-jobs/{id}/cancel', { path: { id } });

export const undoBulkJob = (id: string) => call('post', '/api/bulk-jobs/{id}/undo', { path: { id } });
