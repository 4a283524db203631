// Service tokens' error codes (src/contracts/errors.ts holds the catalogue).
export { SERVICE_TOKENS_ERRORS } from '../../../contracts/errors.js';
