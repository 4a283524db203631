import type { BulkJob, BulkJobDetail } from '../../../contracts/bulk-jobs';
import { errorText } from '../../shared/errorText';
import { tWith } from '../../shared/i18n';

/**
 * A job's messages in the reader's language. The server keeps its English for API clients beside
 * each code: a skipped user's or row's reason is an API error (code, message, details), worded as the
 * console words any API error; why a job stopped is `bulkJobs.stopped.<code>` with its values. Jobs
 * from before the server kept codes show their English.
 */
export function skipReasonText(failure: Pick<BulkJobDetail['failures'][number], 'code' | 'message' | 'details'>): string {
  return errorText(failure.code, failure.message, failure.details);
}

export function jobStopText(job: Pick<BulkJob, 'lastError' | 'lastErrorMessage'>): string | null {
  if (!job.lastError) return null;
  if (!job.lastErrorMessage) return job.lastError;
  return tWith(`bulkJobs.stopped.${job.lastErrorMessage.code}`, job.lastErrorMessage.values, job.lastError);
}
