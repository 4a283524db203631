// Roles's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { ROLES_ERRORS } from '../../../contracts/errors.js';
