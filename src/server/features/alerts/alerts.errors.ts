// Security Center alerts' error codes (src/contracts/errors.ts holds the catalogue).
export { ALERTS_ERRORS } from '../../../contracts/errors.js';
