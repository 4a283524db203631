import { Type, type Static } from 'typebox';
import { Iso, NullableIso, Reason, PageLimit, PAGE_LIMIT_MAX } from './common.js';
import { UserUsageSummary } from './usage.js';
import { UserWorkspace } from './workspaces.js';
import { ContentTypeSchema } from './ownership.js';

export const USER_STATUSES = ['invited', 'active', 'deactivated', 'deleted'] as const;
export const UserStatus = Type.Enum(USER_STATUSES);
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_SORTS = ['name', 'email', 'last_active', 'created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const GroupRef = Type.Object({ id: Type.String(), name: Type.String() });

export const UserSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  status: UserStatus,
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  groups: Type.Array(GroupRef),
  lastActiveAt: NullableIso,
  createdAt: Iso,
  /** The identity provider's SCIM token (its label) that provisioned or linked this account; null for people managed in the console. */
  provisionedBy: Type.Union([Type.String(), Type.Null()]),
  /** Usage in the last 30 days (absent where not computed). */
  usage: Type.Optional(UserUsageSummary),
});
export type UserSummary = Static<typeof UserSummary>;

export const LAST_ACTIVE_FILTERS = ['7d', '30d', '90d', 'never'] as const;
export type LastActiveFilter = (typeof LAST_ACTIVE_FILTERS)[number];

/** Filters shared by the list, the CSV export and "all N matching" bulk actions. */
export const UserFilter = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200 })),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  groupId: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(UserStatus),
  /** Active within the last 7 / 30 / 90 days, or never active. */
  lastActive: Type.Optional(Type.Enum(LAST_ACTIVE_FILTERS)),
});
export type UserFilter = Static<typeof UserFilter>;

export const UserListQuery = Type.Object({
  ...UserFilter.properties,
  sort: Type.Optional(Type.Enum(USER_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: PageLimit(),
});
export type UserListQuery = Static<typeof UserListQuery>;
/** The CSV export takes the list's query, and exports every matching user: no pages. */
export const UserExportQuery = Type.Object({
  ...UserListQuery.properties,
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Ignored: the export holds every matching user.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, description: 'Ignored: the export holds every matching user.' })),
});

export const UserList = Type.Object({
  items: Type.Array(UserSummary),
  total: Type.Integer({ description: 'Users matching the filter; when totalExact is false, at least this many (a capped count).' }),
  totalExact: Type.Boolean({
    description:
      'False when more than 1,000 match a search or last-active filter and total is that cap ("1,000+"); GET /api/users/count gives the exact figure.',
  }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type UserList = Static<typeof UserList>;

/** The command palette's people search: the best few matches for what was typed, not a page of the list. */
export const UserLookupQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '\\S',
    description: 'What was typed: an email prefix, a name prefix, or (3+ characters) any part of a name or email.',
  }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'How many matches to return: 5 unless given, at most 20.' })),
});
export type UserLookupQuery = Static<typeof UserLookupQuery>;

export const UserMatch = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), status: UserStatus });
export type UserMatch = Static<typeof UserMatch>;

export const UserLookup = Type.Object({
  matches: Type.Array(UserMatch, {
    description:
      'Up to `limit` users (never deleted ones): those whose email starts with the term first, by email, then other matches by name. Not paged: the list (GET /api/users?search=) pages through every match.',
  }),
});
export type UserLookup = Static<typeof UserLookup>;

export const UserCount = Type.Object({ total: Type.Integer({ description: 'Exactly how many users match the filter.' }) });
export type UserCount = Static<typeof UserCount>;

export const SessionSummary = Type.Object({
  id: Type.String(),
  createdAt: Iso,
  lastSeenAt: Iso,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  /** The user agent as a reader says it: "Chrome on macOS" (as on Account security). */
  device: Type.String(),
});

export const ChecklistItem = Type.Object({
  key: Type.String(),
  label: Type.String(),
  state: Type.Union([Type.Literal('ok'), Type.Literal('attention'), Type.Literal('not_available')]),
  /** The detail in English; `message` is the same sentence as a code and its values, for clients that word it themselves. */
  detail: Type.String(),
  message: Type.Object(
    { code: Type.String(), values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) },
    { description: 'The detail as a stable code (e.g. "group.none") and the values its sentence needs.' },
  ),
  fix: Type.Optional(
    Type.Object({ label: Type.String(), href: Type.String(), code: Type.String({ description: 'The fix as a stable code (e.g. "change_groups").' }) }),
  ),
});
export type ChecklistItem = Static<typeof ChecklistItem>;

/** The user's passkeys against the policies that apply to them. */
export const UserPasskeys = Type.Object({
  /** Until when an administrator allows the user to enrol a passkey without proving an existing one. */
  recoveryUntil: NullableIso,
  count: Type.Integer(),
  synced: Type.Integer(),
  deviceBound: Type.Integer(),
  required: Type.Boolean(),
  requiredBy: Type.Array(Type.String()),
  afterMagicLink: Type.Boolean(),
  explanation: Type.String(),
});
export type UserPasskeys = Static<typeof UserPasskeys>;

export const UserDetail = Type.Object({
  ...UserSummary.properties,
  version: Type.Integer(),
  invitedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  invitedAt: NullableIso,
  lastSignInAt: NullableIso,
  pendingInvitation: Type.Union([Type.Object({ id: Type.String(), status: Type.String(), expiresAt: Iso }), Type.Null()]),
  rolePrivileged: Type.Boolean(),
  sessions: Type.Array(SessionSummary),
  passkeys: UserPasskeys,
  checklist: Type.Array(ChecklistItem),
  /** Workspaces the user reaches: direct, via groups, via the organization. */
  workspaces: Type.Array(UserWorkspace),
  /** Owned content items per type (the seven types, zeros included) and collaborator seats. */
  ownedContent: Type.Array(Type.Object({ type: ContentTypeSchema, count: Type.Integer() })),
  collaboratorSeats: Type.Integer(),
  /** Set for deleted users: when the restore period ends. */
  restoreUntil: NullableIso,
});
export type UserDetail = Static<typeof UserDetail>;

export const ChangeRoleBody = Type.Object({
  roleId: Type.String({ minLength: 1, maxLength: 64 }),
  reason: Reason,
  version: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const ChangeGroupsBody = Type.Object({
  groupIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200 }),
  reason: Reason,
  version: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const BULK_ACTIONS = ['assign_role', 'add_to_group', 'remove_from_group'] as const;
export const BulkUsersBody = Type.Object({
  action: Type.Enum(BULK_ACTIONS),
  /** Either explicit ids or a filter meaning "all N matching". */
  userIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 5000 })),
  filter: Type.Optional(UserFilter),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  groupId: Type.Optional(Type.String({ maxLength: 64 })),
  reason: Reason,
});
export type BulkUsersBody = Static<typeof BulkUsersBody>;

export const BulkUsersResult = Type.Object({
  matched: Type.Integer(),
  changed: Type.Integer(),
  skipped: Type.Array(Type.Object({ userId: Type.String(), code: Type.String(), message: Type.String() })),
});
export type BulkUsersResult = Static<typeof BulkUsersResult>;
