export const GROUPS_ERRORS = {
  GROUP_NOT_FOUND: { status: 404, message: 'This group does not exist in your organization.' },
  GROUP_NAME_TAKEN: { status: 409, message: 'Another group already has this name.' },
  GROUP_NAME_REQUIRED: { status: 400, message: 'Give the group a name.' },
  USERS_NOT_FOUND: { status: 404, message: 'Some of these users do not exist in your organization.' },
} as const;
