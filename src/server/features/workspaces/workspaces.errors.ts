export const WORKSPACES_ERRORS = {
  WORKSPACE_NOT_FOUND: { status: 404, message: 'This Workspace does not exist in your organization.' },
  MEMBER_NOT_FOUND: { status: 404, message: 'A user or group you named does not exist in your organization.' },
  MEMBER_NOT_ACTIVE: { status: 422, message: 'Only invited or active users can be Workspace members.' },
  PERSONAL_WORKSPACE_GROUP: { status: 422, message: 'A Personal Workspace belongs to one person: groups cannot be members.' },
  PERSONAL_WORKSPACE_SHARED: { status: 422, message: 'A Personal Workspace has exactly one member, its owner.' },
  LAST_WORKSPACE_ADMIN: { status: 409, message: 'A Workspace needs at least one direct Admin. Make someone else Admin first.' },
  OWNER_NOT_FOUND: { status: 422, message: 'The owner must be an active or invited user of your organization.' },
  INVALID_CURSOR: { status: 400, message: 'The page cursor is not valid. Start again from the first page.' },
} as const;
