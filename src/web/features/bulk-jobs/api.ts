import type { BulkJob, BulkJobDetail, BulkJobList, StartBulkJobBody, StartInviteJobBody } from '../../../contracts/bulk-jobs';
import { api } from '../../shared/api';

/** A retried start carries the same key, so the server queues one job. */
export const startBulkJob = (body: StartBulkJobBody, idempotencyKey: string) =>
  api<BulkJob>('/api/bulk-jobs', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

/** A CSV import of more than 1,000 rows: the rows are stored on the server and invited by its worker. */
export const startInviteJob = (body: StartInviteJobBody, idempotencyKey: string) =>
  api<BulkJob>('/api/bulk-jobs/invitations', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

/** A CSV import job's results file (every row: line, email, outcome, message), for a download link. */
export const inviteJobResultsUrl = (id: string) => `/api/bulk-jobs/${encodeURIComponent(id)}/results.csv`;

export const fetchBulkJobs = () => api<BulkJobList>('/api/bulk-jobs', { query: { limit: 5 } });

export const fetchBulkJob = (id: string) => api<BulkJobDetail>(`/api/bulk-jobs/${encodeURIComponent(id)}`);

export const cancelBulkJob = (id: string) => api<BulkJob>(`/api/bulk-jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

export const undoBulkJob = (id: string) => api<BulkJob>(`/api/bulk-jobs/${encodeURIComponent(id)}/undo`, { method: 'POST' });
