// The passkeys feature's front door: the passkey policies a session is held to (read by auth on
// every request) and a user's passkeys against them (the user page).
export { idleLogoutMinutes, passkeyGate, passkeyRequirement, stepUpSatisfied } from './passkeys.policy.js';
export { passkeySummaryForUser, passkeySummaryFrom, type PasskeySummary } from './passkeys.summary.js';
export { passkeyCountsColumn, passkeyKinds } from './passkeys.repository.js';
export { PASSKEYS_ERRORS } from './passkeys.errors.js';
