// Bulk jobs' error codes (src/contracts/errors.ts holds the catalogue).
export { BULK_JOBS_ERRORS } from '../../../contracts/errors.js';
