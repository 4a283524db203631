// The sso feature's front door: the magic-link policy the auth feature asks at sign-in.
export { magicLinkPolicyFor, type MagicLinkPolicy } from './sso.policy.js';
export { SSO_ERRORS } from './sso.errors.js';
