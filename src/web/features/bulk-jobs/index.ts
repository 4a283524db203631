/**
 * What other features use: the Users page shows recent jobs and starts large bulk changes as jobs;
 * the Invite dialog starts a large CSV import as one and follows its progress.
 */
export { BulkJobsPanel } from './components/BulkJobsPanel';
export { inviteJobResultsUrl, startBulkJob, startInviteJob } from './api';
export { jobStopText, skipReasonText } from './jobWords';
export { isActive, useBulkJobActions, useLiveBulkJob } from './hooks/useBulkJobs';
