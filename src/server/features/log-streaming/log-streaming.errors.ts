// Log streaming's error codes (src/contracts/errors.ts holds the catalogue).
export { LOG_STREAMING_ERRORS } from '../../../contracts/errors.js';
