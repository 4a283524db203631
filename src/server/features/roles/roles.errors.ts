export const ROLES_ERRORS = {
  ROLE_NOT_FOUND: { status: 404, message: 'This role does not exist in your organization.' },
} as const;
