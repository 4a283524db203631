// A deletion plan checked against the data: who receives what, and every problem that blocks it.
import type { DeleteUserBody, OwnershipDecision, PlanProblem, PlanSummary, SeatDecision } from '../../../contracts/offboarding.js';
import { CONTENT_TYPES, type ContentType } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { chunks } from '../../db/chunks.js';
import { groupIdsOf } from '../groups/index.js';
import { assertKeepsAccessAdmin, assertMayActOn } from '../roles/index.js';
import { requireUser, type UserRow } from '../users/index.js';
import { OFFBOARDING_ERRORS, type OffboardingErrorCode } from './offboarding.errors.js';
import {
  countActiveSessions,
  countPendingInvitations,
  directWorkspaceMemberships,
  existingSeatKeys,
  ownedItemsOf,
  seatsOf,
  type OwnedItem,
  type Seat,
} from './offboarding.repository.js';
import { roleGrantsAccessAdmin } from './offboarding.deactivation.js';

export interface Evaluation {
  user: UserRow;
  problems: PlanProblem[];
  summary: PlanSummary;
  owned: OwnedItem[];
  /** itemId → new owner (null: kept for the organization). */
  ownerOf: Map<string, string | null>;
  seats: Seat[];
  /** itemId → replacement user; seats not listed are removed. */
  seatReplacements: Map<string, string>;
  targets: Map<string, Target>;
}

function problem(code: OffboardingErrorCode, step: PlanProblem['step'], details?: unknown): PlanProblem {
  return { code, message: OFFBOARDING_ERRORS[code].message, step, ...(details === undefined ? {} : { details }) };
}

export function typeCounts(items: { type: ContentType }[]): { type: ContentType; count: number }[] {
  const m = new Map<ContentType, number>();
  for (const i of items) m.set(i.type, (m.get(i.type) ?? 0) + 1);
  return CONTENT_TYPES.filter((t) => m.has(t)).map((type) => ({ type, count: m.get(type)! }));
}

type Plan = DeleteUserBody['plan'];
type Target = { id: string; name: string; email: string; status: string };

/** Targets named anywhere in the plan must be active users of this organization. */
async function checkTargets(db: DbOrTrx, organizationId: string, user: UserRow, plan: Plan, problems: PlanProblem[]): Promise<Map<string, Target>> {
  const decisions: (OwnershipDecision | SeatDecision)[] = [
    ...(plan.ownership.all ? [plan.ownership.all] : []),
    ...Object.values(plan.ownership.byType ?? {}).filter((d): d is OwnershipDecision => !!d),
    ...(plan.ownership.items ?? []).map((i) => i.decision),
    ...(plan.collaborators.all ? [plan.collaborators.all] : []),
    ...(plan.collaborators.items ?? []).map((i) => i.decision),
  ];
  const targetIds = [...new Set(decisions.flatMap((d) => ('toUserId' in d ? [d.toUserId] : [])))];
  const targets = new Map<string, Target>();
  for (const part of chunks(targetIds)) {
    for (const t of await db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'status'])
      .where('organization_id', '=', organizationId)
      .where('id', 'in', part)
      .execute())
      targets.set(t.id, t);
  }
  const notFound = targetIds.filter((id) => !targets.has(id));
  if (notFound.length) problems.push(problem('TRANSFER_TARGET_NOT_FOUND', 'ownership', { userIds: notFound }));
  if (targetIds.includes(user.id)) problems.push(problem('TRANSFER_TARGET_IS_USER', 'ownership', { userIds: [user.id] }));
  const inactive = [...targets.values()].filter((t) => t.id !== user.id && t.status !== 'active');
  if (inactive.length)
    problems.push(problem('TRANSFER_TARGET_NOT_ACTIVE', 'ownership', { users: inactive.map((t) => ({ id: t.id, name: t.name, status: t.status })) }));
  return targets;
}

/** Ownership: the decision for an item, else for its type, else for all. */
function decideOwnership(owned: OwnedItem[], plan: Plan, problems: PlanProblem[]): { ownerOf: Map<string, string | null>; undecided: OwnedItem[] } {
  const ownedIds = new Set(owned.map((o) => o.id));
  const perItem = new Map((plan.ownership.items ?? []).map((i) => [i.itemId, i.decision]));
  const foreign = [...perItem.keys()].filter((id) => !ownedIds.has(id));
  if (foreign.length) problems.push(problem('PLAN_ITEM_NOT_OWNED', 'ownership', { itemIds: foreign.slice(0, 50) }));
  const ownerOf = new Map<string, string | null>();
  const undecided: OwnedItem[] = [];
  for (const item of owned) {
    const d = perItem.get(item.id) ?? plan.ownership.byType?.[item.type] ?? plan.ownership.all;
    if (!d) undecided.push(item);
    else ownerOf.set(item.id, d.action === 'transfer' ? d.toUserId : null);
  }
  if (undecided.length)
    problems.push(
      problem('OWNERSHIP_DECISION_MISSING', 'ownership', {
        count: undecided.length,
        byType: typeCounts(undecided),
        sampleItemIds: undecided.slice(0, 20).map((i) => i.id),
      }),
    );
  return { ownerOf, undecided };
}

/** Collaborator seats: the decision for an item, else for all. */
function decideSeats(seats: Seat[], plan: Plan, problems: PlanProblem[]): { seatTo: Map<string, string | null>; seatsUndecided: number } {
  const seatIds = new Set(seats.map((s) => s.item_id));
  const perSeat = new Map((plan.collaborators.items ?? []).map((i) => [i.itemId, i.decision]));
  const foreignSeats = [...perSeat.keys()].filter((id) => !seatIds.has(id));
  if (foreignSeats.length) problems.push(problem('PLAN_ITEM_NOT_OWNED', 'collaborators', { itemIds: foreignSeats.slice(0, 50) }));
  const seatTo = new Map<string, string | null>();
  let seatsUndecided = 0;
  for (const s of seats) {
    const d = perSeat.get(s.item_id) ?? plan.collaborators.all;
    if (!d) seatsUndecided++;
    else seatTo.set(s.item_id, d.action === 'replace' ? d.toUserId : null);
  }
  if (seatsUndecided) problems.push(problem('COLLABORATOR_DECISION_MISSING', 'collaborators', { count: seatsUndecided }));
  return { seatTo, seatsUndecided };
}

function checkConfirmation(body: DeleteUserBody, user: UserRow, problems: PlanProblem[]): void {
  if (!body.reason?.trim()) problems.push(problem('REASON_REQUIRED', 'confirm'));
  if (body.policyAcknowledged !== true) problems.push(problem('POLICY_NOT_ACKNOWLEDGED', 'confirm'));
  if ((body.confirmEmail ?? '').trim().toLowerCase() !== user.email_normalized) problems.push(problem('EMAIL_CONFIRMATION_MISMATCH', 'confirm'));
}

/** Seats that get a replacement: not when the replacement already sits there or now owns the item. */
async function seatReplacementsOf(db: DbOrTrx, organizationId: string, seats: Seat[], seatTo: Map<string, string | null>, ownerOf: Map<string, string | null>) {
  const finalOwner = (s: Seat) => (ownerOf.has(s.item_id) ? ownerOf.get(s.item_id) : s.owner_user_id);
  const replacements = [...new Set([...seatTo.values()].filter((v): v is string => !!v))];
  const taken = await existingSeatKeys(
    db,
    organizationId,
    seats.map((s) => s.item_id),
    replacements,
  );
  const seatReplacements = new Map<string, string>();
  let removed = 0;
  for (const s of seats) {
    if (!seatTo.has(s.item_id)) continue;
    const to = seatTo.get(s.item_id);
    if (to && to !== finalOwner(s) && !taken.has(`${s.item_id}|${to}`)) seatReplacements.set(s.item_id, to);
    else removed++;
  }
  return { seatReplacements, removed };
}

interface Decisions {
  user: UserRow;
  owned: OwnedItem[];
  ownerOf: Map<string, string | null>;
  undecided: OwnedItem[];
  targets: Map<string, Target>;
  seats: { replaced: number; removed: number; undecided: number };
}

/** What the plan would do, as the wizard's last step shows it. */
async function summarize(db: DbOrTrx, ctx: RequestContext, d: Decisions): Promise<PlanSummary> {
  const byTarget = new Map<string, OwnedItem[]>();
  const kept: OwnedItem[] = [];
  for (const item of d.owned) {
    if (!d.ownerOf.has(item.id)) continue;
    const to = d.ownerOf.get(item.id)!;
    if (to === null) kept.push(item);
    else {
      const list = byTarget.get(to);
      if (list) list.push(item);
      else byTarget.set(to, [item]);
    }
  }
  const now = nowIso(ctx.deps);
  const [sessions, invitations, memberships, groups] = await Promise.all([
    countActiveSessions(db, ctx.organizationId, d.user.id, now),
    countPendingInvitations(db, ctx.organizationId, d.user.id),
    directWorkspaceMemberships(db, ctx.organizationId, d.user.id),
    groupIdsOf(db, ctx.organizationId, d.user.id),
  ]);
  return {
    transfers: [...byTarget.entries()].map(([id, items]) => {
      const t = d.targets.get(id);
      return { to: { id, name: t?.name ?? '', email: t?.email ?? '' }, count: items.length, byType: typeCounts(items) };
    }),
    keptForOrganization: { count: kept.length, byType: typeCounts(kept) },
    undecided: { count: d.undecided.length, byType: typeCounts(d.undecided), sampleItemIds: d.undecided.slice(0, 20).map((i) => i.id) },
    seats: d.seats,
    sequencesPausedForOrganization: kept.filter((i) => i.type === 'sequence' && i.sequence_status === 'active').length,
    sessionsToEnd: sessions,
    invitationsToRevoke: invitations,
    workspaceMembershipsRemoved: memberships.length,
    groupMembershipsRemoved: groups.length,
  };
}

/**
 * Checks a deletion plan against the data: refuses outright what no plan could fix (deleting
 * yourself, someone who outranks you, the last access administrator), and lists every problem of
 * the plan itself in the order the wizard asks (ownership, collaborators, confirmation).
 */
export async function evaluatePlan(db: DbOrTrx, ctx: RequestContext & { actor: Actor }, userId: string, body: DeleteUserBody): Promise<Evaluation> {
  const user = await requireUser(db, ctx.organizationId, userId);
  if (user.id === ctx.actor.userId) throw fail(OFFBOARDING_ERRORS, 'SELF_DELETION');
  await assertMayActOn(db, ctx.actor, ctx.organizationId, user);
  if (user.status === 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_DELETED');
  if (user.status === 'active' && (await roleGrantsAccessAdmin(db, ctx.organizationId, user))) {
    await assertKeepsAccessAdmin(db, ctx.organizationId, [user.id]);
  }
  const problems: PlanProblem[] = [];
  const owned = await ownedItemsOf(db, ctx.organizationId, user.id);
  const seats = await seatsOf(db, ctx.organizationId, user.id);
  const targets = await checkTargets(db, ctx.organizationId, user, body.plan, problems);
  const { ownerOf, undecided } = decideOwnership(owned, body.plan, problems);
  const { seatTo, seatsUndecided } = decideSeats(seats, body.plan, problems);
  checkConfirmation(body, user, problems);
  const { seatReplacements, removed } = await seatReplacementsOf(db, ctx.organizationId, seats, seatTo, ownerOf);
  const seatCounts = { replaced: seatReplacements.size, removed, undecided: seatsUndecided };
  const summary = await summarize(db, ctx, { user, owned, ownerOf, undecided, targets, seats: seatCounts });
  return { user, problems, summary, owned, ownerOf, seats, seatReplacements, targets };
}

/** The order the wizard asks in; the first problem of the earliest step is the refusal. */
const STEP_ORDER: PlanProblem['step'][] = ['ownership', 'collaborators', 'confirm'];

export function refusal(problems: PlanProblem[]): AppError {
  const first = [...problems].sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step))[0];
  return fail(OFFBOARDING_ERRORS, first.code as OffboardingErrorCode, { ...(first.details as object), problems }, first.message);
}
