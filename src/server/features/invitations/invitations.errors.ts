// Invitations's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { INVITATIONS_ERRORS } from '../../../contracts/errors.js';
