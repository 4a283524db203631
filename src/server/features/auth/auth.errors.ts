// Auth's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { AUTH_ERRORS } from '../../../contracts/errors.js';
