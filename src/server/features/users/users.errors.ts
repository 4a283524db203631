export const USERS_ERRORS = {
  USER_NOT_FOUND: { status: 404, message: 'This user does not exist in your organization.' },
  INVALID_CURSOR: { status: 400, message: 'The page cursor is not valid. Start again from the first page.' },
  BULK_TARGET_REQUIRED: { status: 400, message: 'Choose users: pass userIds, or a filter for "all matching".' },
  BULK_ROLE_REQUIRED: { status: 400, message: 'Choose the role to assign.' },
  BULK_GROUP_REQUIRED: { status: 400, message: 'Choose the group.' },
  BULK_TOO_MANY: { status: 422, message: 'Too many users match (at most 5,000 at once). Narrow the filter.' },
  GROUP_NOT_FOUND: { status: 404, message: 'One of the groups does not exist in your organization.' },
  USER_DELETED: { status: 409, message: 'This user has been deleted. Restore the account to give them groups again.' },
} as const;
