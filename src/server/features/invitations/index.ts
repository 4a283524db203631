// The invitations feature's front door.
export { addInvitationRecord } from './invitations.service.js';
export { inviteFirstAdministrator } from './invitations.invite.js';
export { INVITATIONS_ERRORS } from './invitations.errors.js';
export { acceptPendingInvitationOf } from './invitations.accept-sso.js';
export { EXISTING_USER_ROLE_CHANGE } from './invitations.invite.js';
export { inviteCsvRows, markDuplicateRows, prepareCsvInvitations, type CsvInviteJobRow, type CsvRowOutcome } from './invitations.csv-job.js';
