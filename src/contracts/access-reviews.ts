import { Type, type Static } from 'typebox';
import { NextCursor } from './common.js';
import type { ErrorSpec } from './errors.js';

/** Access reviews' error codes: every refusal says why in plain words. */
export const ACCESS_REVIEWS_ERRORS = {
  SNAPSHOT_NOT_FOUND: { status: 404, message: 'This snapshot does not exist in your organization.' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: 'This review campaign does not exist in your organization.' },
  ITEM_NOT_FOUND: { status: 404, message: 'This review item does not exist in your organization.' },
  SCOPE_NOT_FOUND: { status: 404, message: 'The role, group or Workspace chosen as the scope does not exist in your organization.' },
  SCOPE_ID_REQUIRED: { status: 400, message: 'Choose the role, group or Workspace the campaign reviews.' },
  SCOPE_EMPTY: { status: 422, message: 'Nobody is in this scope: there is nothing to review.' },
  SCOPE_TOO_LARGE: { status: 422, message: 'A campaign reviews at most 5,000 users. Choose a narrower scope.' },
  REVIEWER_NOT_FOUND: { status: 404, message: 'The reviewer must be an active user of your organization.' },
  REVIEWER_REQUIRED: { status: 400, message: 'Name the reviewer (a user) or the role whose holders review.' },
  DUE_DATE_PAST: { status: 400, message: 'The due date must be a date in the future.' },
  CAMPAIGN_CLOSED: { status: 409, message: 'This campaign is closed: its decisions can no longer change.' },
  NOT_YOUR_REVIEW: { status: 403, message: 'You are not a reviewer of this item.' },
  SELF_REVIEW: { status: 403, message: 'This is your own access. Nobody reviews their own access: another reviewer must decide.' },
  CERTIFIER_NOT_INDEPENDENT: {
    status: 403,
    message: 'You granted this access yourself, so you cannot certify it. An independent reviewer must decide to keep it; you may still revoke it.',
  },
  REASON_REQUIRED: { status: 400, message: 'Give a reason for the decision.' },
  REASSIGN_SAME_REVIEWER: { status: 400, message: 'Choose someone other than the current reviewer.' },
  NOTHING_TO_REASSIGN: { status: 409, message: 'This reviewer has no open items in this campaign: there is nothing to reassign.' },
} as const satisfies Record<string, ErrorSpec>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const NStr = Nullable(Type.String());

export const DormantDays = Type.Integer({ minimum: 1, maximum: 3650, default: 90 });

export const SnapshotHolder = Type.Object({ userId: Str, name: Str, email: Str, role: Str });
export const SnapshotReport = Type.Object({
  generatedAt: Str,
  generatedBy: Str,
  dormantDays: Type.Integer(),
  privilegedAccess: Type.Array(Type.Object({ permission: Str, label: Str, holders: Type.Array(SnapshotHolder) })),
  overrides: Type.Object({ supported: Type.Boolean(), note: Str }),
  invitations: Type.Array(
    Type.Object({ email: Str, role: Str, status: Type.Union([Type.Literal('pending'), Type.Literal('expired')]), invitedBy: NStr, expiresAt: Str }),
  ),
  passkeyGaps: Type.Array(Type.Object({ userId: Str, name: Str, email: Str, role: Str, roleRequiresPasskey: Type.Boolean() })),
  dormant: Type.Array(Type.Object({ userId: Str, name: Str, email: Str, role: Str, lastActiveAt: NStr })),
  tokens: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('service'), Type.Literal('scim')]),
      name: Str,
      createdBy: NStr,
      createdAt: Str,
      lastUsedAt: NStr,
      revokedAt: NStr,
    }),
  ),
});
export type SnapshotReport = Static<typeof SnapshotReport>;

export const SnapshotSummary = Type.Object({
  privilegedUsers: Type.Integer(),
  pendingInvitations: Type.Integer(),
  expiredInvitations: Type.Integer(),
  passkeyGaps: Type.Integer(),
  dormantPrivileged: Type.Integer(),
  activeTokens: Type.Integer(),
});
export const SnapshotListItem = Type.Object({ id: Str, createdAt: Str, createdBy: Str, dormantDays: Type.Integer(), summary: SnapshotSummary });
export type SnapshotListItem = Static<typeof SnapshotListItem>;
export const SnapshotList = Type.Object({ items: Type.Array(SnapshotListItem), nextCursor: NextCursor });
export const Snapshot = Type.Object({ ...SnapshotListItem.properties, report: SnapshotReport });
export type Snapshot = Static<typeof Snapshot>;
export const GenerateSnapshotBody = Type.Object({ dormantDays: Type.Optional(DormantDays) }, { additionalProperties: false });
export const SnapshotExportQuery = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('pdf')]) });

export const SCOPE_TYPES = ['all', 'privileged', 'role', 'group', 'workspace'] as const;
export const REVIEWER_MODES = ['manager', 'user', 'role_holders'] as const;
export const CreateCampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scope: Type.Object({ type: Type.Enum(SCOPE_TYPES), id: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
    reviewers: Type.Object(
      {
        mode: Type.Enum(REVIEWER_MODES),
        userId: Type.Optional(Type.String({ maxLength: 64 })),
        roleId: Type.Optional(Type.String({ maxLength: 64 })),
        /** Reviews the items whose manager is unknown or who would otherwise review themselves; defaults to you. */
        fallbackUserId: Type.Optional(Type.String({ maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
    dueAt: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 date or timestamp' }),
  },
  { additionalProperties: false },
);
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const ItemContext = Type.Object({
  permissions: Type.Array(Str),
  privileged: Type.Boolean(),
  status: Str,
  lastActiveAt: NStr,
  events30d: Type.Integer(),
  ownedContent: Type.Integer(),
  groups: Type.Array(Str),
});
export type ItemContext = Static<typeof ItemContext>;

export const ReviewItem = Type.Object({
  id: Str,
  campaignId: Str,
  campaignName: Str,
  dueAt: Str,
  user: Type.Object({ id: Str, name: Str, email: Str }),
  role: Type.Object({ id: Str, name: Str }),
  context: ItemContext,
  grantedBy: Type.Union([Type.Object({ id: NStr, label: Str, at: NStr }), Type.Null()]),
  reviewer: Type.Union([Type.Object({ id: Str, name: Str }), Type.Null()]),
  decision: Type.Union([Type.Literal('keep'), Type.Literal('revoke'), Type.Null()]),
  decisionReason: NStr,
  decidedBy: NStr,
  decidedAt: NStr,
  outcome: NStr,
  outcomeMessage: NStr,
  /** For the person asking: why they may not decide (their own access; a grant they made), or null. */
  blocked: Type.Union([Type.Object({ code: Str, message: Str, keepOnly: Type.Boolean() }), Type.Null()]),
});
export type ReviewItem = Static<typeof ReviewItem>;

export const Campaign = Type.Object({
  id: Str,
  name: Str,
  scope: Type.Object({ type: Str, id: NStr, label: Str }),
  reviewers: Type.Object({ mode: Str, label: Str }),
  dueAt: Str,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: Str,
  closedAt: NStr,
  revokeUnreviewed: Type.Boolean(),
  counts: Type.Object({ items: Type.Integer(), decided: Type.Integer(), keep: Type.Integer(), revoke: Type.Integer() }),
});
export type Campaign = Static<typeof Campaign>;
export const CampaignList = Type.Object({ items: Type.Array(Campaign), nextCursor: NextCursor });
export const CampaignDetail = Type.Object({ ...Campaign.properties, items: Type.Array(ReviewItem) });
export type CampaignDetail = Static<typeof CampaignDetail>;
export const MyReviewItems = Type.Object({ items: Type.Array(ReviewItem), nextCursor: NextCursor });

export const DecideBody = Type.Object(
  {
    itemIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 500 }),
    decision: Type.Union([Type.Literal('keep'), Type.Literal('revoke')]),
    reason: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type DecideBody = Static<typeof DecideBody>;
export const DecideResult = Type.Object({
  decided: Type.Integer(),
  refused: Type.Array(Type.Object({ itemId: Str, userEmail: Str, code: Str, message: Str })),
});
export type DecideResult = Static<typeof DecideResult>;

export const CloseCampaignBody = Type.Object(
  { revokeUnreviewed: Type.Boolean({ default: false }), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

/** Hand a reviewer's open items (or the reviewer role's unassigned pool: fromUserId null) to someone else. */
export const ReassignReviewerBody = Type.Object(
  {
    fromUserId: Type.Union([Type.Null(), Type.String({ maxLength: 64 })]),
    toUserId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type ReassignReviewerBody = Static<typeof ReassignReviewerBody>;
/** Items the new reviewer may not review (their own access, a grant they made) stay where they were, each with why. */
export const ReassignReviewerResult = Type.Object({
  reassigned: Type.Integer(),
  skipped: Type.Array(Type.Object({ itemId: Str, userEmail: Str, code: Str, message: Str })),
});
export type ReassignReviewerResult = Static<typeof ReassignReviewerResult>;
