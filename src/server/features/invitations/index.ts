// The invitations feature's front door.
export { addInvitationRecord } from './invitations.service.js';
export { INVITATIONS_ERRORS } from './invitations.errors.js';
