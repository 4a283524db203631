// Ownership's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { OWNERSHIP_ERRORS } from '../../../contracts/errors.js';
