// Every error code the API answers with, and the status and message that go with it: one catalogue
// per server feature (the server's `<feature>.errors.ts` re-exports its own), plus the platform's.
// Plain data, shared by the server and the console: the console type-checks the codes it handles
// against ErrorCode. Messages are part of the API: change one only on purpose.
import { SSO_ERRORS } from './sso-errors.js';

/** How a code answers: its HTTP status and the message fit for the person. */
export interface ErrorSpec {
  status: number;
  message: string;
}

/** Failures of the HTTP plumbing every route shares: sign-in, permissions, concurrency, the database. */
export const PLATFORM_ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Sign in again.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  PASSKEY_ENROLLMENT_REQUIRED: { status: 403, message: 'Your organization requires a passkey. Add one in Account > Security to continue.' },
  PASSKEY_VERIFICATION_REQUIRED: { status: 403, message: 'Confirm it is you with your passkey to continue.' },
  STEP_UP_REQUIRED: { status: 403, message: 'Confirm it is you with your passkey: this action needs a passkey check within the last 10 minutes.' },
  CROSS_ORIGIN: { status: 403, message: 'This request came from another site and was refused.' },
  NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  INVALID_CURSOR: { status: 400, message: 'The page cursor is not valid. Start again from the first page.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This address does not take this method; the Allow header lists the ones it does.' },
  CONFLICT: { status: 409, message: 'This conflicts with existing data.' },
  VERSION_CONFLICT: { status: 409, message: 'Someone else changed this meanwhile. Reload to see their change.' },
  REASON_REQUIRED: { status: 422, message: 'Your organization requires a business reason for this change.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was already used for a different request.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a minute and try again.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database cannot be reached right now. Nothing was changed; try again in a moment.' },
  DATABASE_BUSY: { status: 503, message: 'The database is busy right now. Nothing was changed; try again in a moment.' },
  BEARER_TOKEN_INVALID: { status: 401, message: 'A valid bearer token is required (Authorization: Bearer …).' },
  SERVICE_TOKEN_INVALID: { status: 401, message: 'A valid service token is required (Authorization: Bearer sst_…).' },
  OPERATOR_TOKEN_INVALID: { status: 401, message: 'The operator API needs the operator token (Authorization: Bearer <OPERATOR_TOKEN>).' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. The request id helps us find it.' },
} satisfies Record<string, ErrorSpec>;

/** Input no route means to accept, refused before any route sees it (platform/input-guard.ts). */
export const INPUT_ERRORS = {
  UNKNOWN_PARAMETER: { status: 400, message: 'This address does not take that query parameter.' },
  CONTROL_CHARACTER: { status: 400, message: 'Text may not contain control characters.' },
  INVALID_NUMBER: { status: 400, message: 'A number is not valid.' },
  BAD_URL: { status: 400, message: 'The address is not valid.' },
  PARAMETER_TOO_LONG: { status: 414, message: 'A value in the address is too long.' },
} as const;

export const AUTH_ERRORS = {
  INVALID_EMAIL: { status: 400, message: 'Enter a valid email address.' },
  LINK_INVALID: { status: 400, message: 'This sign-in link is not valid. Request a new one.' },
  LINK_USED: { status: 400, message: 'This sign-in link was already used. Request a new one.' },
  LINK_EXPIRED: { status: 400, message: 'This sign-in link has expired (links last 15 minutes). Request a new one.' },
  ACCOUNT_INACTIVE: { status: 403, message: 'This account cannot sign in. Ask your administrator.' },
  ORGANIZATION_NOT_AVAILABLE: { status: 404, message: 'Your address has no active account in this organization, or the organization is suspended.' },
} as const;

export const GROUPS_ERRORS = {
  GROUP_NOT_FOUND: { status: 404, message: 'This group does not exist in your organization.' },
  GROUP_NAME_TAKEN: { status: 409, message: 'Another group already has this name.' },
  GROUP_NAME_REQUIRED: { status: 400, message: 'Give the group a name.' },
  USERS_NOT_FOUND: { status: 404, message: 'Some of these users do not exist in your organization.' },
} as const;

export const INVITATIONS_ERRORS = {
  INVALID_EMAIL: { status: 400, message: 'This is not a valid email address.' },
  DOMAIN_NOT_ALLOWED: { status: 422, message: 'Your organization only invites addresses from its allowed email domains.' },
  ROLE_NOT_FOUND: { status: 404, message: 'This role does not exist in your organization.' },
  GROUP_NOT_FOUND: { status: 404, message: 'This group does not exist in your organization.' },
  DUPLICATE_IN_REQUEST: { status: 400, message: 'This address appears more than once in the list.' },
  INVITATION_NOT_FOUND: { status: 404, message: 'This invitation does not exist in your organization.' },
  INVITATION_NOT_PENDING: { status: 409, message: 'Only pending or expired invitations can be resent or revoked.' },
  INVITATION_INVALID: { status: 400, message: 'This invitation link is not valid. Ask your administrator for a new one.' },
  INVITATION_EXPIRED: { status: 400, message: 'This invitation has expired. Ask your administrator to resend it.' },
  INVITATION_REVOKED: { status: 400, message: 'This invitation was withdrawn. Ask your administrator if you still need access.' },
  INVITATION_ACCEPTED: { status: 400, message: 'This invitation was already accepted. Sign in with your email instead.' },
  ROLE_CHANGE_NOT_ALLOWED: { status: 403, message: 'This person already has an account; changing their role needs the "Assign roles" permission.' },
} as const;

export const OFFBOARDING_ERRORS = {
  SELF_DEACTIVATION: { status: 403, message: 'You cannot deactivate your own account. Ask another administrator.' },
  SELF_DELETION: { status: 403, message: 'You cannot delete your own account. Ask another administrator.' },
  ALREADY_DEACTIVATED: { status: 409, message: 'This user is already deactivated.' },
  USER_NOT_DEACTIVATED: { status: 409, message: 'Only a deactivated user can be reactivated.' },
  USER_DELETED: { status: 409, message: 'This user has been deleted. Restore the account first.' },
  USER_NOT_DELETED: { status: 409, message: 'Only a deleted user can be restored.' },
  RESTORE_WINDOW_PASSED: { status: 410, message: 'The restore period has ended and the personal data was purged; this account cannot be restored.' },
  EMAIL_IN_USE: { status: 409, message: 'Another user now has this email address, so the account cannot be restored. Change that user first.' },
  SEQUENCE_NOT_RESUMABLE: { status: 422, message: 'Some Sequences were not paused by this deactivation (or changed owner since) and cannot be resumed here.' },
  OWNERSHIP_DECISION_MISSING: { status: 422, message: 'Some owned items have no decision. Transfer them to an active user or keep them for the organization.' },
  COLLABORATOR_DECISION_MISSING: { status: 422, message: 'Some collaborator seats have no decision. Replace them with an active user or remove them.' },
  PLAN_ITEM_NOT_OWNED: { status: 422, message: 'The plan names items this user does not own (or collaborate on). Review the ownership again.' },
  TRANSFER_TARGET_NOT_FOUND: { status: 422, message: 'A transfer target is not a user of your organization.' },
  TRANSFER_TARGET_NOT_ACTIVE: { status: 422, message: 'A transfer target is not an active user. Choose someone who can sign in.' },
  TRANSFER_TARGET_IS_USER: { status: 422, message: 'Ownership cannot be transferred to the user being deleted.' },
  REASON_REQUIRED: { status: 422, message: 'Give the business reason for deleting this user.' },
  POLICY_NOT_ACKNOWLEDGED: { status: 422, message: 'Acknowledge your organization’s offboarding policy first.' },
  EMAIL_CONFIRMATION_MISMATCH: { status: 422, message: 'Type the user’s email address exactly to confirm.' },
  PLAN_STALE: { status: 409, message: 'The user’s content changed while the plan was applied. Review the ownership again.' },
  MANAGED_BY_IDENTITY_PROVIDER: {
    status: 409,
    message:
      'An identity provider provisions this person and owns their name, email and active status: change them there. You can still sign them out everywhere.',
  },
} as const;
export type OffboardingErrorCode = keyof typeof OFFBOARDING_ERRORS;

export const ORGANIZATIONS_ERRORS = {
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'This organization does not exist.' },
  INVALID_DOMAIN: { status: 400, message: 'An allowed email domain is not a valid domain name (example: example.com).' },
  ORGANIZATION_SUSPENDED: { status: 403, message: 'This organization is suspended: nobody of it can sign in. Its administrators can ask Sofie support.' },
  ORGANIZATION_NAME_TAKEN: { status: 409, message: 'Another organization already has this name.' },
  ORGANIZATION_NAME_AMBIGUOUS: { status: 409, message: 'Several organizations have this name; name the organization by its id.' },
  ORGANIZATION_ALREADY_SUSPENDED: { status: 409, message: 'This organization is already suspended.' },
  ORGANIZATION_NOT_SUSPENDED: { status: 409, message: 'Only a suspended organization can be resumed or deleted. Suspend it first.' },
  DELETE_CONFIRMATION_MISMATCH: {
    status: 400,
    message: 'To delete an organization, type its exact name as confirmName (\'--confirm "<name>"\' on the command line).',
  },
  INVALID_ADMIN_EMAIL: { status: 400, message: 'The first administrator needs a valid email address.' },
} as const;

export const OWNERSHIP_ERRORS = {
  UNKNOWN_USER: { status: 422, message: 'Some owners or collaborators are not users of this organization (or were deleted).' },
  DUPLICATE_EXTERNAL_ID: { status: 422, message: 'The same externalId appears twice in one request.' },
  CONTENT_ITEM_NOT_FOUND: { status: 404, message: 'This content item does not exist in your organization.' },
  WEBHOOK_URL_INVALID: { status: 422, message: 'The webhook URL must be an absolute http or https URL.' },
  WEBHOOK_URL_NOT_PUBLIC: { status: 422, message: 'Webhooks go only to public addresses, not to loopback, private, link-local or other reserved ones.' },
  WEBHOOK_URL_UNRESOLVABLE: { status: 422, message: 'The webhook URL’s host name does not resolve to an address.' },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'This webhook endpoint does not exist in your organization.' },
} as const;

export const PASSKEYS_ERRORS = {
  CHALLENGE_INVALID: { status: 400, message: 'This passkey request was not issued here. Start again.' },
  CHALLENGE_USED: { status: 400, message: 'This passkey request was already used. Start again.' },
  CHALLENGE_EXPIRED: { status: 400, message: 'This passkey request expired (they last 5 minutes). Start again.' },
  PASSKEY_VERIFICATION_FAILED: { status: 400, message: 'The passkey could not be verified. Try again.' },
  PASSKEY_COUNTER_REGRESSION: {
    status: 400,
    message: 'This passkey reported an old signature counter, which suggests it was copied. It was refused; tell your administrator.',
  },
  PASSKEY_UNKNOWN: { status: 400, message: 'This passkey is not registered with Sofie. Sign in with a magic link instead.' },
  PASSKEY_ALREADY_REGISTERED: { status: 409, message: 'This passkey is already registered.' },
  PASSKEY_NOT_FOUND: { status: 404, message: 'No such passkey on your account.' },
  PASSKEY_REQUIRED_BY_POLICY: {
    status: 409,
    message: 'Your organization requires a passkey, and this is your last one. Add another passkey before removing it.',
  },
  RECENT_SIGN_IN_REQUIRED: { status: 403, message: 'Confirm it is you with a passkey, or sign in again with a magic link, to change your passkeys.' },
  ACCOUNT_INACTIVE: { status: 403, message: 'This account cannot sign in. Ask your administrator.' },
  SESSION_NOT_FOUND: { status: 404, message: 'No such active session.' },
  USER_NOT_FOUND: { status: 404, message: 'No such user in this organization.' },
  PASSKEY_VERIFICATION_REQUIRED: {
    status: 403,
    message:
      'Your role requires you to confirm it is you with your passkey after signing in with a link. Use your passkey; if you lost it, ask an administrator to allow a passkey recovery.',
  },
  PASSKEY_RECOVERY_NOT_NEEDED: { status: 409, message: 'This user has no passkey: they can add one themselves after signing in.' },
  USER_NOT_ACTIVE: { status: 409, message: 'Only an active user can recover a passkey.' },
} as const;

export const ROLES_ERRORS = {
  ROLE_NOT_FOUND: { status: 404, message: 'This role does not exist in your organization.' },
  ROLE_NAME_REQUIRED: { status: 400, message: 'Give the role a name.' },
  ROLE_NAME_TAKEN: { status: 409, message: 'Another role already has this name.' },
  UNKNOWN_PERMISSION: { status: 400, message: 'Some permissions do not exist.' },
  INVALID_IDLE_LOGOUT: {
    status: 400,
    message: 'Idle auto logout must be Off or a whole number of minutes between 15 minutes and 24 hours (15 to 1440).',
  },
  OWNER_REQUIRED: { status: 400, message: 'A privileged role needs an owner who reviews it. Choose an active user as owner.' },
  OWNER_NOT_FOUND: { status: 400, message: 'The owner must be an active user of your organization.' },
  SYSTEM_ROLE_READONLY: { status: 409, message: 'System roles cannot be edited or deleted. Duplicate it to make a custom role you can change.' },
  ROLE_IN_USE: { status: 409, message: 'Users still hold this role. Move them to another role before deleting it.' },
  // Guardrails: who may give and change access.
  ROLE_ESCALATION: { status: 403, message: 'You cannot give permissions your own role does not have. Ask an administrator who holds them.' },
  SELF_ROLE_CHANGE: { status: 403, message: 'You cannot change your own role. Ask another administrator.' },
  LAST_ACCESS_ADMIN: {
    status: 409,
    message: 'This would leave your organization with nobody who can manage users and roles. Give that access to someone else first.',
  },
  TARGET_OUTRANKS_ACTOR: {
    status: 403,
    message: 'This person holds permissions your own role does not have, so you cannot change their access. Ask an administrator who holds them.',
  },
  DEFAULT_ROLE_NOT_GRANTABLE: {
    status: 422,
    message: 'A role that can invite people must hold every permission of the role invitations give by default, so its holders can invite with it.',
  },
} as const;

/** Why one event of a batch was rejected; the other events of the batch are kept. */
export const INGEST_REJECTIONS = {
  INVALID_EVENT: 'The event must be a JSON object.',
  INVALID_ID: 'id must be a string of 1 to 100 characters.',
  UNKNOWN_TYPE: 'type must be one of chat_message, artifact_created, artifact_edited, orchestration_run, sequence_run, sign_in, workspace_visit.',
  INVALID_OCCURRED_AT: 'occurredAt must be an ISO 8601 time with a zone, e.g. 2026-11-29T09:30:00Z.',
  OCCURRED_AT_IN_FUTURE: 'occurredAt is in the future (more than 5 minutes ahead of our clock).',
  OUTSIDE_RETENTION: 'occurredAt is older than the organization keeps usage events.',
  USER_REQUIRED: 'Give userId or email of the user the event is about.',
  USER_NOT_FOUND: 'No user with this id or email in your organization.',
  USER_MISMATCH: 'userId and email name different users.',
  USER_DELETED: 'This user was deleted; their usage is no longer recorded.',
  INVALID_FIELD: 'workspaceId and itemId must be strings of at most 100 characters, or null.',
  INVALID_QUANTITY: 'quantity must be a whole number from 0 to 1,000,000,000.',
} as const;
export type IngestRejectionCode = keyof typeof INGEST_REJECTIONS;

export const USERS_ERRORS = {
  USER_NOT_FOUND: { status: 404, message: 'This user does not exist in your organization.' },
  BULK_TARGET_REQUIRED: { status: 400, message: 'Choose users: pass userIds, or a filter for "all matching".' },
  BULK_ROLE_REQUIRED: { status: 400, message: 'Choose the role to assign.' },
  BULK_GROUP_REQUIRED: { status: 400, message: 'Choose the group.' },
  BULK_TOO_MANY: { status: 422, message: 'Too many users match (at most 5,000 at once). Narrow the filter.' },
  GROUP_NOT_FOUND: { status: 404, message: 'One of the groups does not exist in your organization.' },
  USER_DELETED: { status: 409, message: 'This user has been deleted. Restore the account to give them groups again.' },
} as const;

export const BULK_JOBS_ERRORS = {
  BULK_JOB_NOT_FOUND: { status: 404, message: 'This bulk job does not exist in your organization.' },
  BULK_JOB_TOO_MANY: { status: 422, message: 'Too many users match (at most 100,000 in one job). Narrow the filter.' },
  BULK_JOB_FINISHED: { status: 409, message: 'This job has already finished, so it can no longer be cancelled.' },
  BULK_JOB_NOT_UNDOABLE: { status: 409, message: 'This job cannot be undone: only finished or cancelled role and group changes can, once.' },
  BULK_JOB_UNDO_EXPIRED: { status: 409, message: 'This job is more than 30 days old: it can no longer be undone.' },
  CHANGED_SINCE: { status: 409, message: 'Changed again since the job ran, so undo left it as it is.' },
  STARTER_CANNOT_CONTINUE: { status: 403, message: 'The administrator who started this job no longer holds the permission it needs.' },
} as const;

export const WORKSPACES_ERRORS = {
  WORKSPACE_NOT_FOUND: { status: 404, message: 'This Workspace does not exist in your organization.' },
  MEMBER_NOT_FOUND: { status: 404, message: 'A user or group you named does not exist in your organization.' },
  MEMBER_NOT_ACTIVE: { status: 422, message: 'Only invited or active users can be Workspace members.' },
  PERSONAL_WORKSPACE_GROUP: { status: 422, message: 'A Personal Workspace belongs to one person: groups cannot be members.' },
  PERSONAL_WORKSPACE_SHARED: { status: 422, message: 'A Personal Workspace has exactly one member, its owner.' },
  LAST_WORKSPACE_ADMIN: { status: 409, message: 'A Workspace needs at least one direct Admin. Make someone else Admin first.' },
  OWNER_NOT_FOUND: { status: 422, message: 'The owner must be an active or invited user of your organization.' },
} as const;

export const MAILBOX_ERRORS = {
  MAILBOX_DISABLED: { status: 404, message: 'The local mailbox exists only when no SMTP server is configured, and only on this machine.' },
} as const;

export const SERVICE_TOKENS_ERRORS = {
  SERVICE_TOKEN_NOT_FOUND: { status: 404, message: 'This service token does not exist in your organization.' },
} as const;

export const ALERTS_ERRORS = {
  ALERT_NOT_FOUND: { status: 404, message: 'This alert does not exist in your organization.' },
  ALERT_ALREADY_DISMISSED: { status: 409, message: 'This alert was already dismissed.' },
  ALERT_ALREADY_ESCALATED: { status: 409, message: 'This alert was already escalated; everyone who may view security events was told.' },
  ASSIGNEE_NOT_ELIGIBLE: { status: 400, message: 'Alerts can be assigned only to active people who may view security events.' },
} as const;

export const LOG_STREAMING_ERRORS = {
  DESTINATION_URL_INVALID: { status: 422, message: 'The destination must be an absolute https URL.' },
  DESTINATION_URL_NOT_PUBLIC: { status: 422, message: 'Log streams go only to public addresses, not to loopback, private, link-local or other reserved ones.' },
  DESTINATION_URL_UNRESOLVABLE: { status: 422, message: 'The destination’s host name does not resolve to an address.' },
  DESTINATION_NOT_FOUND: { status: 404, message: 'This log stream destination does not exist in your organization.' },
} as const;
export const AUDIT_ERRORS = {
  INVALID_DATE_RANGE: { status: 400, message: 'The date range ends before it starts.' },
  INVALID_DATE: { status: 400, message: 'Dates must be ISO 8601 timestamps, for example 2026-11-30T00:00:00Z.' },
} satisfies Record<string, ErrorSpec>;

export const SCIM_ERRORS = {
  SCIM_TOKEN_NOT_FOUND: { status: 404, message: 'This SCIM token does not exist in your organization.' },
  SCIM_GROUP_NOT_FOUND: { status: 404, message: 'No group an identity provider pushed over SCIM has this id in your organization.' },
  SCIM_ROLE_NOT_FOUND: { status: 404, message: 'This role does not exist in your organization.' },
  SCIM_ROLE_MAPPING_EXISTS: { status: 409, message: 'This group already has a role mapping: remove it first.' },
  SCIM_ROLE_MAPPING_NOT_FOUND: { status: 404, message: 'This role mapping does not exist in your organization.' },
  SCIM_LOG_CURSOR_INVALID: { status: 400, message: 'The page cursor is not valid. Start again from the first page.' },
} as const;

export { SSO_ERRORS, type SsoErrorCode } from './sso-errors.js';

/**
 * Every code an error answer (`{ "error": { "code", "message", ... } }`) can carry. BAD_REQUEST is a
 * request the HTTP layer could not read (malformed JSON, wrong content type, body too large).
 */
export type ErrorCode =
  | keyof typeof PLATFORM_ERRORS
  | keyof typeof INPUT_ERRORS
  | keyof typeof AUDIT_ERRORS
  | keyof typeof AUTH_ERRORS
  | keyof typeof BULK_JOBS_ERRORS
  | keyof typeof GROUPS_ERRORS
  | keyof typeof INVITATIONS_ERRORS
  | keyof typeof MAILBOX_ERRORS
  | keyof typeof OFFBOARDING_ERRORS
  | keyof typeof ORGANIZATIONS_ERRORS
  | keyof typeof OWNERSHIP_ERRORS
  | keyof typeof PASSKEYS_ERRORS
  | keyof typeof ROLES_ERRORS
  | keyof typeof SERVICE_TOKENS_ERRORS
  | keyof typeof SCIM_ERRORS
  | keyof typeof ALERTS_ERRORS
  | keyof typeof LOG_STREAMING_ERRORS
  | keyof typeof SSO_ERRORS
  | keyof typeof USERS_ERRORS
  | keyof typeof WORKSPACES_ERRORS
  | 'BAD_REQUEST';
