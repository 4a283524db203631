// Passkeys's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { PASSKEYS_ERRORS } from '../../../contracts/errors.js';
