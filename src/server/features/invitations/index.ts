// The invitations feature's front door.
export { addInvitationRecord } from './invitations.service.js';
export { inviteFirstAdministrator } from './invitations.invite.js';
export { INVITATIONS_ERRORS } from './invitations.errors.js';
export { acceptPendingInvitationOf } from './invitations.accept-sso.js';
