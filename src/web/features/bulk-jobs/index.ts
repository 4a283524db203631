/** What other features use: the Users page shows recent jobs and starts large bulk changes as jobs. */
export { BulkJobsPanel } from './components/BulkJobsPanel';
export { startBulkJob } from './api';
