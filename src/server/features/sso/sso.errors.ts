// Single sign-on's error codes; the catalogue itself is shared with the console (src/contracts/sso.ts).
export { SSO_ERRORS, type SsoErrorCode } from '../../../contracts/sso.js';
