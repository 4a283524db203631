import { Type, type Static } from 'typebox';
import { Iso, Reason, PageLimit } from './common.js';

export const WORKSPACE_TYPES = ['personal', 'collaborative', 'organization'] as const;
export type WorkspaceType = (typeof WORKSPACE_TYPES)[number];
export const WORKSPACE_TYPE_LABELS: Record<WorkspaceType, string> = { personal: 'Personal', collaborative: 'Collaborative', organization: 'Organization' };

/** Highest first: effective access is the highest role over every path. */
export const WORKSPACE_ROLES = ['admin', 'editor', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const WORKSPACE_ROLE_LABELS: Record<WorkspaceRole, string> = { admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };

export const WorkspaceTypeSchema = Type.Enum(WORKSPACE_TYPES);
export const WorkspaceRoleSchema = Type.Enum(WORKSPACE_ROLES);

export const Workspace = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: WorkspaceTypeSchema,
  description: Type.String(),
  owner: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  userMemberCount: Type.Integer(),
  groupMemberCount: Type.Integer(),
  createdAt: Iso,
});
export type Workspace = Static<typeof Workspace>;

export const WorkspaceList = Type.Object({ items: Type.Array(Workspace), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const WorkspaceListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(WorkspaceTypeSchema),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: PageLimit(),
});

export const WorkspaceMember = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('group')]),
  id: Type.String(),
  name: Type.String(),
  /** Email for users, member count for groups (in English; the console words it from memberCount). */
  detail: Type.String(),
  /** How many people a group member holds; null for a user. */
  memberCount: Type.Union([Type.Integer(), Type.Null()]),
  role: WorkspaceRoleSchema,
  addedAt: Iso,
});
export type WorkspaceMember = Static<typeof WorkspaceMember>;

/** One way a user reaches a Workspace. */
export const AccessPath = Type.Object({
  via: Type.Union([Type.Literal('direct'), Type.Literal('group'), Type.Literal('organization')]),
  role: WorkspaceRoleSchema,
  group: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type AccessPath = Static<typeof AccessPath>;

export const EffectiveAccess = Type.Object({
  user: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), status: Type.String() }),
  role: WorkspaceRoleSchema,
  paths: Type.Array(AccessPath),
});
export type EffectiveAccess = Static<typeof EffectiveAccess>;

export const WorkspaceDetail = Type.Object({
  ...Workspace.properties,
  members: Type.Array(WorkspaceMember),
  /** Everyone with access and how, capped at 500 (see effectiveAccessTotal). */
  effectiveAccess: Type.Array(EffectiveAccess),
  effectiveAccessTotal: Type.Integer(),
});
export type WorkspaceDetail = Static<typeof WorkspaceDetail>;

export const CreateWorkspaceBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  type: WorkspaceTypeSchema,
  description: Type.Optional(Type.String({ maxLength: 500 })),
  /** Defaults to the creator; becomes a direct Admin and the Workspace's owner in the ownership registry. */
  ownerUserId: Type.Optional(Type.String({ maxLength: 64 })),
  reason: Reason,
});

export const WorkspaceMembersBody = Type.Object({
  members: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal('user'), Type.Literal('group')]),
      id: Type.String({ minLength: 1, maxLength: 64 }),
      role: WorkspaceRoleSchema,
    }),
    { minItems: 1, maxItems: 500 },
  ),
  reason: Reason,
});
export const WorkspaceMemberParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  memberType: Type.Union([Type.Literal('user'), Type.Literal('group')]),
  memberId: Type.String({ minLength: 1, maxLength: 64 }),
});

/** A user's Workspaces: direct, via groups, via the organization. */
export const UserWorkspace = Type.Object({
  workspace: Type.Object({ id: Type.String(), name: Type.String(), type: WorkspaceTypeSchema }),
  role: WorkspaceRoleSchema,
  paths: Type.Array(AccessPath),
  owned: Type.Boolean(),
});
export type UserWorkspace = Static<typeof UserWorkspace>;
export const UserWorkspaceList = Type.Object({ items: Type.Array(UserWorkspace), nextCursor: Type.Union([Type.String(), Type.Null()]) });
