// Single sign-on's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
export { SSO_ERRORS, type SsoErrorCode } from '../../../contracts/errors.js';
