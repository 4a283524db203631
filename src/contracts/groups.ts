import { Type, type Static } from 'typebox';
import { Iso, NextCursor, PageQuery, Reason } from './common.js';

/** Hints against group sprawl, by code: the console words each from its catalogue (`groups.hint.<code>`). */
export const GROUP_HINTS = ['no_members', 'one_member'] as const;
export type GroupHintCode = (typeof GROUP_HINTS)[number];

export const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  memberCount: Type.Integer(),
  createdAt: Iso,
  /** Sprawl hints in English: "No members: …", "Only one member: …". */
  hints: Type.Array(Type.String()),
  /** The same hints by code, in the same order, for clients that word them themselves. */
  hintCodes: Type.Array(Type.Enum(GROUP_HINTS)),
});
export type Group = Static<typeof Group>;

export const GroupList = Type.Object({ items: Type.Array(Group), nextCursor: Type.Union([Type.String(), Type.Null()]) });
/** Pages of 50 by default, like every list; the console's lookups ask for 200 a page. */
export const GroupListQuery = PageQuery;
export type GroupListQuery = Static<typeof GroupListQuery>;

export const CreateGroupBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  reason: Reason,
});
export const UpdateGroupBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  reason: Reason,
});
export const GroupMembersBody = Type.Object({
  userIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 5000 }),
  reason: Reason,
});
export const GroupMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  status: Type.String(),
  addedAt: Iso,
});
export const GroupMemberList = Type.Object({ items: Type.Array(GroupMember), nextCursor: NextCursor });
export type GroupMemberList = Static<typeof GroupMemberList>;
export const GroupDetail = Type.Object({
  ...Group.properties,
  /** The first page of members, by name; GET /api/groups/{id}/members?cursor=membersNextCursor has the rest. */
  members: Type.Array(GroupMember),
  membersNextCursor: NextCursor,
});
export type GroupDetail = Static<typeof GroupDetail>;
