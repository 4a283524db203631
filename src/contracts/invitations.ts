import { Type, type Static } from 'typebox';
import { Iso, NullableIso, Reason, PageLimit } from './common.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const InviteEntry = Type.Object({
  email: Type.String({ maxLength: 320 }),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  /** A group id, or (CSV) a group name. */
  group: Type.Optional(Type.String({ maxLength: 200 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
});
export type InviteEntry = Static<typeof InviteEntry>;

/** One row of an invitation CSV, as the console read it (for a CSV import that runs as a job). */
export const CsvInviteRow = Type.Object({
  /** 1-based line in the file, header excluded. */
  line: Type.Integer({ minimum: 1 }),
  email: Type.String({ maxLength: 320 }),
  /** A role's name (any case), key or id; empty means the organization's default role. */
  role: Type.Optional(Type.String({ maxLength: 200 })),
  /** A group's name or id. */
  group: Type.Optional(Type.String({ maxLength: 200 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CsvInviteRow = Static<typeof CsvInviteRow>;

export const InviteBody = Type.Object({
  /** One or many addresses; each gets the role and group below unless its entry names its own. */
  entries: Type.Array(InviteEntry, { minItems: 1, maxItems: 500 }),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  groupId: Type.Optional(Type.String({ maxLength: 64 })),
  reason: Reason,
});
export type InviteBody = Static<typeof InviteBody>;

export const INVITE_OUTCOMES = ['invited', 'renewed', 'updated', 'unchanged', 'rejected'] as const;
export type InviteOutcome = (typeof INVITE_OUTCOMES)[number];

/** One change inviting made to an existing account: its role (from → to), or a group it was added to. */
export const InviteChange = Type.Union([
  Type.Object({ kind: Type.Literal('role'), from: Type.String(), to: Type.String() }),
  Type.Object({ kind: Type.Literal('group'), group: Type.String() }),
]);
export type InviteChange = Static<typeof InviteChange>;

export const InviteResult = Type.Object({
  email: Type.String(),
  outcome: Type.Enum(INVITE_OUTCOMES),
  userId: Type.Optional(Type.String()),
  /** Human sentence: "Invited ada@example.com as Member." / "Updated …: role Member → Admin." */
  message: Type.String(),
  code: Type.Optional(Type.String()),
  changes: Type.Optional(Type.Array(Type.String())),
  /** What the person's role is now (invited, renewed): the message's role name, for a client wording it itself. */
  roleName: Type.Optional(Type.String({ description: 'The role the person was invited or renewed with, as named in `message`.' })),
  /** The group the entry named (invited, unchanged): the message's group name, when there is one. */
  groupName: Type.Optional(Type.String({ description: 'The group the entry named, as named in `message`; absent when it named none.' })),
  changeList: Type.Optional(
    Type.Array(InviteChange, { description: 'What changed on an existing account (updated), in order: the structured form of `changes`.' }),
  ),
  details: Type.Optional(
    Type.Unknown({ description: 'Rejected: the error details the `message` was built from (as an API error carries), for a client wording it itself.' }),
  ),
});
export type InviteResult = Static<typeof InviteResult>;

export const InviteResponse = Type.Object({ results: Type.Array(InviteResult) });
export type InviteResponse = Static<typeof InviteResponse>;

export const Invitation = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  group: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  invitedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  status: Type.Enum(INVITATION_STATUSES),
  createdAt: Iso,
  expiresAt: Iso,
  sentCount: Type.Integer(),
  acceptedAt: NullableIso,
});
export type Invitation = Static<typeof Invitation>;

export const InvitationListQuery = Type.Object({
  status: Type.Optional(Type.Enum(INVITATION_STATUSES)),
  limit: PageLimit(),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const InvitationList = Type.Object({
  items: Type.Array(Invitation),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
