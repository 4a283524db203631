// Users's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { USERS_ERRORS } from '../../../contracts/errors.js';
