// The auth feature's front door: sessions and sign-in links, for features that sign people in
// (invitations, passkeys), list or end someone's sessions (users, offboarding) or create accounts.
export {
  activeSessionPageOf,
  activeSessionsOf,
  createSession,
  issueMagicLink,
  revokeAllSessionsOf,
  revokeOrganizationSessions,
  revokeSessionById,
  SESSION_COOKIE,
  type NewSession,
  type SessionUser,
} from './auth.service.js';
export { setSessionCookie } from './auth.cookies.js';
export { activeSessionsColumn } from './auth.repository.js';
export { AUTH_ERRORS } from './auth.errors.js';
