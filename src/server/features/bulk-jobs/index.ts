// The bulk-jobs feature's front door: large role and group changes run as resumable, undoable jobs.
export { bulkJobsRoutes } from './bulk-jobs.routes.js';
export { BULK_JOB_CHUNK, runDueBulkJobs, type BulkJobHooks } from './bulk-jobs.runner.js';
