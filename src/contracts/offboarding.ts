import { Type, type Static } from 'typebox';
import { Iso, Reason, PageLimit } from './common.js';
import { ContentItem, ContentTypeSchema, CONTENT_TYPES } from './ownership.js';

export const DeactivateBody = Type.Object({ reason: Reason });
export const DeactivateResult = Type.Object({
  status: Type.String(),
  sessionsRevoked: Type.Integer(),
  invitationsRevoked: Type.Integer(),
  sequencesPaused: Type.Integer(),
});
export type DeactivateResult = Static<typeof DeactivateResult>;

export const PausedSequence = Type.Object({ id: Type.String(), title: Type.String(), workspaceId: Type.Union([Type.String(), Type.Null()]) });
export const PausedSequenceList = Type.Object({ items: Type.Array(PausedSequence) });

export const ReactivateBody = Type.Object({
  reason: Reason,
  /** The Sequences to resume (from GET paused-sequences); the rest stay paused. */
  resumeSequenceIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10000 })),
  resumeAllSequences: Type.Optional(Type.Boolean()),
});
export const ReactivateResult = Type.Object({ status: Type.String(), sequencesResumed: Type.Integer() });

// ---- Delete ----

export const TypeCount = Type.Object({ type: ContentTypeSchema, count: Type.Integer() });

export const OwnershipReview = Type.Object({
  user: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), status: Type.String() }),
  /** Always the seven types, in the product's order, zeros included. */
  owned: Type.Array(TypeCount),
  ownedTotal: Type.Integer(),
  collaboratorSeats: Type.Integer(),
  activeSequences: Type.Integer(),
  directWorkspaceMemberships: Type.Integer(),
  groupMemberships: Type.Integer(),
  /** The organization's offboarding policy the admin acknowledges. */
  policy: Type.String(),
  restoreDays: Type.Integer(),
});
export type OwnershipReview = Static<typeof OwnershipReview>;

export const OwnershipItemsQuery = Type.Object({
  type: Type.Optional(ContentTypeSchema),
  /** 'owned' (default) or 'collaborating'. */
  relation: Type.Optional(Type.Union([Type.Literal('owned'), Type.Literal('collaborating')])),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: PageLimit(),
});
export const OwnershipItemList = Type.Object({
  items: Type.Array(Type.Object({ ...ContentItem.properties, collaboratorRole: Type.Union([Type.String(), Type.Null()]) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const OwnershipDecision = Type.Union([
  Type.Object({ action: Type.Literal('transfer'), toUserId: Type.String({ minLength: 1, maxLength: 64 }) }),
  Type.Object({ action: Type.Literal('keep') }),
]);
export type OwnershipDecision = Static<typeof OwnershipDecision>;

export const SeatDecision = Type.Union([
  Type.Object({ action: Type.Literal('replace'), toUserId: Type.String({ minLength: 1, maxLength: 64 }) }),
  Type.Object({ action: Type.Literal('remove') }),
]);
export type SeatDecision = Static<typeof SeatDecision>;

const byType = Object.fromEntries(CONTENT_TYPES.map((t) => [t, Type.Optional(OwnershipDecision)])) as Record<
  (typeof CONTENT_TYPES)[number],
  ReturnType<typeof Type.Optional<typeof OwnershipDecision>>
>;

/**
 * The plan: the most specific decision wins — per item, then per type, then `all`.
 * "keep" keeps the item for the organization (no personal owner).
 */
export const OffboardingPlan = Type.Object({
  ownership: Type.Object({
    all: Type.Optional(OwnershipDecision),
    byType: Type.Optional(Type.Object(byType)),
    items: Type.Optional(Type.Array(Type.Object({ itemId: Type.String({ minLength: 1, maxLength: 64 }), decision: OwnershipDecision }), { maxItems: 20000 })),
  }),
  collaborators: Type.Object({
    all: Type.Optional(SeatDecision),
    items: Type.Optional(Type.Array(Type.Object({ itemId: Type.String({ minLength: 1, maxLength: 64 }), decision: SeatDecision }), { maxItems: 20000 })),
  }),
});
export type OffboardingPlan = Static<typeof OffboardingPlan>;

export const DeleteUserBody = Type.Object({
  dryRun: Type.Optional(Type.Boolean()),
  plan: OffboardingPlan,
  reason: Reason,
  policyAcknowledged: Type.Optional(Type.Boolean()),
  /** The user's email, typed by the administrator. */
  confirmEmail: Type.Optional(Type.String({ maxLength: 320 })),
});
export type DeleteUserBody = Static<typeof DeleteUserBody>;

export const PlanProblem = Type.Object({
  code: Type.String(),
  message: Type.String(),
  step: Type.Union([Type.Literal('ownership'), Type.Literal('collaborators'), Type.Literal('confirm')]),
  details: Type.Optional(Type.Any()),
});
export type PlanProblem = Static<typeof PlanProblem>;

export const PlanSummary = Type.Object({
  transfers: Type.Array(
    Type.Object({ to: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), count: Type.Integer(), byType: Type.Array(TypeCount) }),
  ),
  keptForOrganization: Type.Object({ count: Type.Integer(), byType: Type.Array(TypeCount) }),
  undecided: Type.Object({ count: Type.Integer(), byType: Type.Array(TypeCount), sampleItemIds: Type.Array(Type.String()) }),
  seats: Type.Object({ replaced: Type.Integer(), removed: Type.Integer(), undecided: Type.Integer() }),
  sequencesPausedForOrganization: Type.Integer(),
  sessionsToEnd: Type.Integer(),
  invitationsToRevoke: Type.Integer(),
  workspaceMembershipsRemoved: Type.Integer(),
  groupMembershipsRemoved: Type.Integer(),
});
export type PlanSummary = Static<typeof PlanSummary>;

export const DeleteUserResult = Type.Object({
  dryRun: Type.Boolean(),
  /** Dry run: true when applying this body would succeed. */
  ready: Type.Boolean(),
  problems: Type.Array(PlanProblem),
  summary: PlanSummary,
  /** Set once applied. */
  tombstone: Type.Union([Type.Object({ label: Type.String(), deletedAt: Iso, restoreUntil: Iso }), Type.Null()]),
});
export type DeleteUserResult = Static<typeof DeleteUserResult>;

export const RestoreResult = Type.Object({ status: Type.String(), restoredGroups: Type.Integer(), restoredWorkspaceMemberships: Type.Integer() });

export const OFFBOARDING_POLICY =
  'Deleting a user removes their access for good. Their content is transferred or kept for the organization as decided here, collaborator seats are replaced or removed, and the account can be restored for 30 days before personal data is purged. Follow your organization’s offboarding process (HR confirmation, legal holds) before confirming.';

/** A deleted user whose personal data is still kept: restorable until `restoreUntil` (Security Center > Recovery). */
export const RestorableUser = Type.Object({ id: Type.String(), label: Type.String(), deletedAt: Iso, restoreUntil: Iso });
export const RestorableUserList = Type.Object({ items: Type.Array(RestorableUser), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type RestorableUser = Static<typeof RestorableUser>;
