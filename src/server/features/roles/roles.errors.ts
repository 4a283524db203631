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
  LAST_ACCESS_ADMIN: { status: 409, message: 'This would leave your organization with nobody who can manage users and roles. Give that access to someone else first.' },
  TARGET_OUTRANKS_ACTOR: { status: 403, message: 'This person holds permissions your own role does not have, so you cannot change their access. Ask an administrator who holds them.' },
  DEFAULT_ROLE_NOT_GRANTABLE: {
    status: 422,
    message: 'A role that can invite people must hold every permission of the role invitations give by default, so its holders can invite with it.',
  },
} as const;
