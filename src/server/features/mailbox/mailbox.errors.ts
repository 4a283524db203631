// The local mailbox's error codes (src/contracts/errors.ts holds the catalogue).
export { MAILBOX_ERRORS } from '../../../contracts/errors.js';
