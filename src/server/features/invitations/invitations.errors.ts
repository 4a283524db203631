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
