import type { Static } from 'typebox';
import {
  OFFBOARDING_POLICY,
  type DeactivateResult,
  type DeleteUserBody,
  type DeleteUserResult,
  type OwnershipDecision,
  type OwnershipItemsQuery,
  type OwnershipReview,
  type PlanProblem,
  type PlanSummary,
  type ReactivateBody,
  type SeatDecision,
} from '../../../contracts/offboarding.js';
import { CONTENT_TYPES, type ContentType } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { chunks } from '../../db/chunks.js';
import { revokeAllSessionsOf } from '../auth/index.js';
import { addToGroup, groupIdsOf } from '../groups/index.js';
import {
  addCollaboratorSeats,
  announceOwnershipChanges,
  announceSeatChanges,
  announceSequenceChanges,
  collaboratorSeatCount,
  listUserContentItems,
  ownedCounts,
  type CollaboratorRow,
  type OwnershipChange,
  type SeatChange,
  type SequenceStatusChange,
} from '../ownership/index.js';
import { assertKeepsAccessAdmin, assertMayActOn, grantsAccessAdmin, lockOrganizationForAccessChange, requireRole, rolePermissions } from '../roles/index.js';
import { requireUser, userSearchText, type UserRow } from '../users/index.js';
import { OFFBOARDING_ERRORS, type OffboardingErrorCode } from './offboarding.errors.js';
import {
  activeSequencesOf,
  countActiveSessions,
  countPendingInvitations,
  directWorkspaceMemberships,
  existingSeatKeys,
  ownedItemsOf,
  revokePendingInvitations,
  seatsOf,
  setOwner,
  type OwnedItem,
  type Seat,
} from './offboarding.repository.js';

/** Days a deleted user can be restored before personal data is purged. */
export const RESTORE_DAYS = 30;
const DAY = 86_400_000;

/** "Deleted user 7f3a…": readable in audit history, carries no personal data. */
export function tombstoneLabel(userId: string): string {
  return `Deleted user ${userId.replace(/-/g, '').slice(-4)}…`;
}

function subject(user: UserRow) {
  return { type: 'user', id: user.id, label: user.status === 'deleted' ? user.name : user.email };
}

/** Test and fault-injection hook: called between the steps of an offboarding transaction. */
export interface OffboardingHooks {
  onStep?: (step: string) => Promise<void> | void;
}

async function roleGrantsAccessAdmin(db: DbOrTrx, organizationId: string, user: UserRow): Promise<boolean> {
  return grantsAccessAdmin(rolePermissions(await requireRole(db, organizationId, user.role_id)));
}

// ---------------------------------------------------------------- deactivate / reactivate

/**
 * Blocks sign-in at once: the status check runs on every request, every session is revoked,
 * pending invitations are revoked, and the user's active Sequences are paused and remembered.
 */
export async function deactivateUser(ctx: RequestContext & { actor: Actor }, userId: string, reasonInput?: string): Promise<DeactivateResult> {
  return ctx.deps.db.transaction().execute(async (trx) => deactivateInTransaction(trx, ctx, userId, reasonInput));
}

/** Exported so bulk actions can deactivate many users in one transaction. */
export async function deactivateInTransaction(trx: DbOrTrx, ctx: RequestContext & { actor: Actor }, userId: string, reasonInput?: string): Promise<DeactivateResult> {
  await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
  const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
  const user = await requireUser(trx, ctx.organizationId, userId);
  if (user.id === ctx.actor.userId) throw fail(OFFBOARDING_ERRORS, 'SELF_DEACTIVATION');
  await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
  if (user.status === 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_DELETED');
  if (user.status === 'deactivated') throw fail(OFFBOARDING_ERRORS, 'ALREADY_DEACTIVATED');
  if (user.status === 'active' && (await roleGrantsAccessAdmin(trx, ctx.organizationId, user))) {
    await assertKeepsAccessAdmin(trx, ctx.organizationId, [user.id]);
  }
  const now = nowIso(ctx.deps);
  const sessionsRevoked = await revokeAllSessionsOf(trx, ctx.organizationId, user.id, now);
  const invitationsRevoked = await revokePendingInvitations(trx, ctx.organizationId, user.id, now);
  const sequences = await activeSequencesOf(trx, ctx.organizationId, user.id);
  for (const part of chunks(sequences.map((s) => s.id))) {
    await trx
      .updateTable('content_items')
      .set((eb) => ({ sequence_status: 'paused', paused_for_user_id: user.id, version: eb('version', '+', 1), updated_at: now }))
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', part)
      .execute();
  }
  await announceSequenceChanges(
    trx,
    ctx,
    sequences.map((s) => ({ itemId: s.id, externalId: s.external_id, title: s.title, ownerUserId: user.id, fromStatus: 'active', toStatus: 'paused' })),
    'owner_deactivated',
  );
  await trx
    .updateTable('users')
    .set({ status: 'deactivated', deactivated_at: now, version: user.version + 1, updated_at: now })
    .where('organization_id', '=', ctx.organizationId)
    .where('id', '=', user.id)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'user.deactivated',
    category: 'access',
    risk: 'high',
    subject: subject(user),
    reason,
    before: { status: user.status, activeSessions: sessionsRevoked, pendingInvitations: invitationsRevoked, activeSequences: sequences.length },
    after: { status: 'deactivated', activeSessions: 0, pendingInvitations: 0, sequencesPaused: sequences.map((s) => s.title).slice(0, 50) },
  });
  return { status: 'deactivated', sessionsRevoked, invitationsRevoked, sequencesPaused: sequences.length };
}

function pausedForUser(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('content_items')
    .select(['id', 'external_id', 'title', 'workspace_id'])
    .where('organization_id', '=', organizationId)
    .where('paused_for_user_id', '=', userId)
    .where('owner_user_id', '=', userId)
    .where('type', '=', 'sequence')
    .where('sequence_status', '=', 'paused')
    .orderBy('title')
    .execute();
}

/** The Sequences that deactivation paused and reactivation can resume. */
export async function listPausedSequences(ctx: RequestContext, userId: string) {
  await requireUser(ctx.deps.db, ctx.organizationId, userId);
  const rows = await pausedForUser(ctx.deps.db, ctx.organizationId, userId);
  return rows.map((r) => ({ id: r.id, title: r.title, workspaceId: r.workspace_id }));
}

export async function reactivateUser(ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ReactivateBody>) {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const user = await requireUser(trx, ctx.organizationId, userId);
    if (user.status !== 'deactivated') throw fail(OFFBOARDING_ERRORS, user.status === 'deleted' ? 'USER_DELETED' : 'USER_NOT_DEACTIVATED');
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const paused = await pausedForUser(trx, ctx.organizationId, user.id);
    const pausedIds = new Set(paused.map((p) => p.id));
    const wanted = body.resumeAllSequences ? [...pausedIds] : [...new Set(body.resumeSequenceIds ?? [])];
    const unknown = wanted.filter((id) => !pausedIds.has(id));
    if (unknown.length > 0) throw fail(OFFBOARDING_ERRORS, 'SEQUENCE_NOT_RESUMABLE', { itemIds: unknown.slice(0, 50) });
    const now = nowIso(ctx.deps);
    for (const part of chunks(wanted)) {
      await trx.updateTable('content_items').set((eb) => ({ sequence_status: 'active', paused_for_user_id: null, version: eb('version', '+', 1), updated_at: now })).where('organization_id', '=', ctx.organizationId).where('id', 'in', part).execute();
    }
    // The offer is answered: Sequences not resumed now stay paused like any other.
    for (const part of chunks([...pausedIds].filter((id) => !wanted.includes(id)))) {
      await trx.updateTable('content_items').set({ paused_for_user_id: null }).where('organization_id', '=', ctx.organizationId).where('id', 'in', part).execute();
    }
    const resumed = paused.filter((p) => wanted.includes(p.id));
    await announceSequenceChanges(trx, ctx, resumed.map((s) => ({ itemId: s.id, externalId: s.external_id, title: s.title, ownerUserId: user.id, fromStatus: 'paused', toStatus: 'active' })), 'owner_reactivated');
    await trx.updateTable('users').set({ status: 'active', deactivated_at: null, version: user.version + 1, updated_at: now }).where('organization_id', '=', ctx.organizationId).where('id', '=', user.id).execute();
    await recordAudit(trx, ctx, {
      action: 'user.reactivated',
      category: 'access',
      risk: 'high',
      subject: subject(user),
      reason,
      before: { status: 'deactivated', pausedSequences: paused.length },
      after: { status: 'active', sequencesResumed: resumed.map((s) => s.title).slice(0, 50) },
    });
    return { status: 'active', sequencesResumed: resumed.length };
  });
}

// ---------------------------------------------------------------- delete: review

export async function getOwnershipReview(ctx: RequestContext, userId: string): Promise<OwnershipReview> {
  const { db } = ctx.deps;
  const user = await requireUser(db, ctx.organizationId, userId);
  if (user.status === 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_DELETED');
  const owned = await ownedCounts(db, ctx.organizationId, userId);
  const [seats, sequences, memberships, groups] = await Promise.all([
    collaboratorSeatCount(db, ctx.organizationId, userId),
    activeSequencesOf(db, ctx.organizationId, userId),
    directWorkspaceMemberships(db, ctx.organizationId, userId),
    groupIdsOf(db, ctx.organizationId, userId),
  ]);
  return {
    user: { id: user.id, name: user.name, email: user.email, status: user.status },
    owned,
    ownedTotal: owned.reduce((n, t) => n + t.count, 0),
    collaboratorSeats: seats,
    activeSequences: sequences.length,
    directWorkspaceMemberships: memberships.length,
    groupMemberships: groups.length,
    policy: OFFBOARDING_POLICY,
    restoreDays: RESTORE_DAYS,
  };
}

export async function listOwnershipItems(ctx: RequestContext, userId: string, query: Static<typeof OwnershipItemsQuery>) {
  const { db } = ctx.deps;
  await requireUser(db, ctx.organizationId, userId);
  return listUserContentItems(db, ctx.organizationId, userId, query);
}

// ---------------------------------------------------------------- delete: plan

interface Evaluation {
  user: UserRow;
  problems: PlanProblem[];
  summary: PlanSummary;
  owned: OwnedItem[];
  /** itemId → new owner (null: kept for the organization). */
  ownerOf: Map<string, string | null>;
  seats: Seat[];
  /** itemId → replacement user; seats not listed are removed. */
  seatReplacements: Map<string, string>;
  targets: Map<string, { id: string; name: string; email: string; status: string }>;
}

function problem(code: OffboardingErrorCode, step: PlanProblem['step'], details?: unknown): PlanProblem {
  return { code, message: OFFBOARDING_ERRORS[code].message, step, ...(details === undefined ? {} : { details }) };
}

function typeCounts(items: { type: ContentType }[]): { type: ContentType; count: number }[] {
  const m = new Map<ContentType, number>();
  for (const i of items) m.set(i.type, (m.get(i.type) ?? 0) + 1);
  return CONTENT_TYPES.filter((t) => m.has(t)).map((type) => ({ type, count: m.get(type)! }));
}

async function evaluatePlan(db: DbOrTrx, ctx: RequestContext & { actor: Actor }, userId: string, body: DeleteUserBody): Promise<Evaluation> {
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
  const plan = body.plan;

  // Targets named anywhere in the plan must be active users of this organization.
  const decisions: (OwnershipDecision | SeatDecision)[] = [
    ...(plan.ownership.all ? [plan.ownership.all] : []),
    ...Object.values(plan.ownership.byType ?? {}).filter((d): d is OwnershipDecision => !!d),
    ...(plan.ownership.items ?? []).map((i) => i.decision),
    ...(plan.collaborators.all ? [plan.collaborators.all] : []),
    ...(plan.collaborators.items ?? []).map((i) => i.decision),
  ];
  const targetIds = [...new Set(decisions.flatMap((d) => ('toUserId' in d ? [d.toUserId] : [])))];
  const targets = new Map<string, { id: string; name: string; email: string; status: string }>();
  for (const part of chunks(targetIds)) {
    for (const t of await db.selectFrom('users').select(['id', 'name', 'email', 'status']).where('organization_id', '=', ctx.organizationId).where('id', 'in', part).execute()) targets.set(t.id, t);
  }
  const notFound = targetIds.filter((id) => !targets.has(id));
  if (notFound.length) problems.push(problem('TRANSFER_TARGET_NOT_FOUND', 'ownership', { userIds: notFound }));
  if (targetIds.includes(user.id)) problems.push(problem('TRANSFER_TARGET_IS_USER', 'ownership', { userIds: [user.id] }));
  const inactive = [...targets.values()].filter((t) => t.id !== user.id && t.status !== 'active');
  if (inactive.length) problems.push(problem('TRANSFER_TARGET_NOT_ACTIVE', 'ownership', { users: inactive.map((t) => ({ id: t.id, name: t.name, status: t.status })) }));

  // Ownership: item, then type, then all.
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
  if (undecided.length) problems.push(problem('OWNERSHIP_DECISION_MISSING', 'ownership', { count: undecided.length, byType: typeCounts(undecided), sampleItemIds: undecided.slice(0, 20).map((i) => i.id) }));

  // Collaborator seats: item, then all.
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

  // Confirmation.
  if (!body.reason?.trim()) problems.push(problem('REASON_REQUIRED', 'confirm'));
  if (body.policyAcknowledged !== true) problems.push(problem('POLICY_NOT_ACKNOWLEDGED', 'confirm'));
  if ((body.confirmEmail ?? '').trim().toLowerCase() !== user.email_normalized) problems.push(problem('EMAIL_CONFIRMATION_MISMATCH', 'confirm'));

  // Summary.
  const byTarget = new Map<string, OwnedItem[]>();
  const kept: OwnedItem[] = [];
  for (const item of owned) {
    if (!ownerOf.has(item.id)) continue;
    const to = ownerOf.get(item.id)!;
    if (to === null) kept.push(item);
    else {
      const list = byTarget.get(to);
      if (list) list.push(item);
      else byTarget.set(to, [item]);
    }
  }
  const finalOwner = (s: Seat) => (ownerOf.has(s.item_id) ? ownerOf.get(s.item_id) : s.owner_user_id);
  const replacements = [...new Set([...seatTo.values()].filter((v): v is string => !!v))];
  const taken = await existingSeatKeys(db, ctx.organizationId, seats.map((s) => s.item_id), replacements);
  /** Seats that get a replacement: not when the replacement already sits there or now owns the item. */
  const seatReplacements = new Map<string, string>();
  let removed = 0;
  for (const s of seats) {
    if (!seatTo.has(s.item_id)) continue;
    const to = seatTo.get(s.item_id);
    if (to && to !== finalOwner(s) && !taken.has(`${s.item_id}|${to}`)) seatReplacements.set(s.item_id, to);
    else removed++;
  }
  const replaced = seatReplacements.size;
  const now = nowIso(ctx.deps);
  const [sessions, invitations, memberships, groups] = await Promise.all([
    countActiveSessions(db, ctx.organizationId, user.id, now),
    countPendingInvitations(db, ctx.organizationId, user.id),
    directWorkspaceMemberships(db, ctx.organizationId, user.id),
    groupIdsOf(db, ctx.organizationId, user.id),
  ]);
  const summary: PlanSummary = {
    transfers: [...byTarget.entries()].map(([id, items]) => {
      const t = targets.get(id);
      return { to: { id, name: t?.name ?? '', email: t?.email ?? '' }, count: items.length, byType: typeCounts(items) };
    }),
    keptForOrganization: { count: kept.length, byType: typeCounts(kept) },
    undecided: { count: undecided.length, byType: typeCounts(undecided), sampleItemIds: undecided.slice(0, 20).map((i) => i.id) },
    seats: { replaced, removed, undecided: seatsUndecided },
    sequencesPausedForOrganization: kept.filter((i) => i.type === 'sequence' && i.sequence_status === 'active').length,
    sessionsToEnd: sessions,
    invitationsToRevoke: invitations,
    workspaceMembershipsRemoved: memberships.length,
    groupMembershipsRemoved: groups.length,
  };
  return { user, problems, summary, owned, ownerOf, seats, seatReplacements, targets };
}

/** The order the wizard asks in; the first problem of the earliest step is the refusal. */
const STEP_ORDER: PlanProblem['step'][] = ['ownership', 'collaborators', 'confirm'];

function refusal(problems: PlanProblem[]): AppError {
  const first = [...problems].sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step))[0]!;
  return new AppError(first.code, OFFBOARDING_ERRORS[first.code as OffboardingErrorCode].status, first.message, { ...(first.details as object), problems });
}

/**
 * Deletes a user the way the wizard does: the same plan, previewed with `dryRun`, applied in one
 * transaction. Refused while any owned item or seat lacks a decision, a target is not active,
 * or the confirmation is incomplete.
 */
export async function deleteUser(ctx: RequestContext & { actor: Actor }, userId: string, body: DeleteUserBody, hooks: OffboardingHooks = {}): Promise<DeleteUserResult> {
  if (body.dryRun) {
    const ev = await evaluatePlan(ctx.deps.db, ctx, userId, body);
    return { dryRun: true, ready: ev.problems.length === 0, problems: ev.problems, summary: ev.summary, tombstone: null };
  }
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const ev = await evaluatePlan(trx, ctx, userId, body);
    if (ev.problems.length > 0) throw refusal(ev.problems);
    const step = async (name: string) => hooks.onStep?.(name);
    const { user } = ev;
    const now = nowIso(ctx.deps);
    const org = ctx.organizationId;

    // 1. Ownership: grouped by new owner, set-based in chunks.
    const groupsByOwner = new Map<string | null, { ids: string[]; pause: string[] }>();
    const ownershipChanges: OwnershipChange[] = [];
    const sequenceChanges: SequenceStatusChange[] = [];
    for (const item of ev.owned) {
      const to = ev.ownerOf.get(item.id)!;
      const g = groupsByOwner.get(to) ?? { ids: [], pause: [] };
      // Kept for the organization: an active Sequence must not run as someone who has left.
      if (to === null && item.type === 'sequence' && item.sequence_status === 'active') {
        g.pause.push(item.id);
        sequenceChanges.push({ itemId: item.id, externalId: item.external_id, title: item.title, ownerUserId: null, fromStatus: 'active', toStatus: 'paused' });
      } else g.ids.push(item.id);
      groupsByOwner.set(to, g);
      ownershipChanges.push({ itemId: item.id, externalId: item.external_id, type: item.type, title: item.title, fromOwnerUserId: user.id, toOwnerUserId: to });
    }
    for (const [to, g] of groupsByOwner) {
      await setOwner(trx, org, g.ids, to, now, false);
      await setOwner(trx, org, g.pause, to, now, true);
    }
    // A transferred Workspace makes its new owner a direct Admin.
    const wsTransfers = ev.owned.filter((i) => i.type === 'workspace' && ev.ownerOf.get(i.id));
    if (wsTransfers.length) {
      const existingWs = new Set<string>();
      for (const part of chunks(wsTransfers.map((i) => i.external_id))) {
        for (const w of await trx.selectFrom('workspaces').select('id').where('organization_id', '=', org).where('id', 'in', part).execute()) existingWs.add(w.id);
      }
      for (const item of wsTransfers.filter((i) => existingWs.has(i.external_id))) {
        const to = ev.ownerOf.get(item.id)!;
        const prev = await trx.selectFrom('workspace_members').select('role').where('workspace_id', '=', item.external_id).where('member_type', '=', 'user').where('member_id', '=', to).executeTakeFirst();
        if (prev) await trx.updateTable('workspace_members').set({ role: 'admin' }).where('workspace_id', '=', item.external_id).where('member_type', '=', 'user').where('member_id', '=', to).execute();
        else await trx.insertInto('workspace_members').values({ organization_id: org, workspace_id: item.external_id, member_type: 'user', member_id: to, role: 'admin', added_by: ctx.actor.userId, added_at: now }).execute();
      }
    }
    await step('ownership');

    // 2. Collaborator seats: replaced (unless the replacement already has a seat or now owns it) or removed.
    const seatChanges: SeatChange[] = [];
    const newSeats: CollaboratorRow[] = [];
    for (const s of ev.seats) {
      const to = ev.seatReplacements.get(s.item_id);
      seatChanges.push({ itemId: s.item_id, externalId: s.external_id, userId: user.id, fromRole: s.role, toRole: null });
      if (to) {
        newSeats.push({ organization_id: org, item_id: s.item_id, user_id: to, role: s.role, added_at: now });
        seatChanges.push({ itemId: s.item_id, externalId: s.external_id, userId: to, fromRole: null, toRole: s.role });
      }
    }
    await trx.deleteFrom('content_collaborators').where('organization_id', '=', org).where('user_id', '=', user.id).execute();
    await addCollaboratorSeats(trx, newSeats);
    await step('collaborators');

    // 3. Access: sessions, invitations, memberships.
    const sessionsRevoked = await revokeAllSessionsOf(trx, org, user.id, now);
    const invitationsRevoked = await revokePendingInvitations(trx, org, user.id, now);
    const memberships = await directWorkspaceMemberships(trx, org, user.id);
    const groupIds = await groupIdsOf(trx, org, user.id);
    await trx.deleteFrom('workspace_members').where('organization_id', '=', org).where('member_type', '=', 'user').where('member_id', '=', user.id).execute();
    await trx.deleteFrom('group_members').where('organization_id', '=', org).where('user_id', '=', user.id).execute();
    await step('access');

    // 4. The tombstone: personal data set aside for the restore period, then purged.
    const label = tombstoneLabel(user.id);
    const purgeAfter = new Date(ctx.deps.clock().getTime() + RESTORE_DAYS * DAY).toISOString();
    const tombstoneEmail = `deleted-${user.id}@tombstone.invalid`;
    await trx
      .updateTable('users')
      .set({
        status: 'deleted',
        name: label,
        email: tombstoneEmail,
        email_normalized: tombstoneEmail,
        search_text: userSearchText(label, tombstoneEmail),
        deleted_at: now,
        purge_after: purgeAfter,
        tombstone: JSON.stringify({ name: user.name, email: user.email, emailNormalized: user.email_normalized, status: user.status, groupIds, workspaceMemberships: memberships }),
        version: user.version + 1,
        updated_at: now,
      })
      .where('organization_id', '=', org)
      .where('id', '=', user.id)
      .execute();

    // Nothing may still belong to the tombstone (a content service could have registered an item meanwhile).
    const left = await trx.selectFrom('content_items').select('id').where('organization_id', '=', org).where('owner_user_id', '=', user.id).limit(1).executeTakeFirst();
    if (left) throw fail(OFFBOARDING_ERRORS, 'PLAN_STALE');

    await announceOwnershipChanges(trx, ctx, ownershipChanges, 'user_deleted');
    await announceSeatChanges(trx, ctx, seatChanges, 'user_deleted');
    await announceSequenceChanges(trx, ctx, sequenceChanges, 'user_deleted');
    await step('webhooks');

    await recordAudit(trx, ctx, {
      action: 'user.deleted',
      category: 'access',
      risk: 'high',
      subject: { type: 'user', id: user.id, label: user.email },
      reason: body.reason,
      before: {
        status: user.status,
        owned: typeCounts(ev.owned),
        collaboratorSeats: ev.seats.length,
        activeSessions: sessionsRevoked,
        pendingInvitations: invitationsRevoked,
        workspaceMemberships: memberships.length,
        groups: groupIds.length,
      },
      after: {
        status: 'deleted',
        tombstone: label,
        transfers: ev.summary.transfers.map((t) => ({ to: t.to.email, count: t.count, byType: t.byType })),
        keptForOrganization: ev.summary.keptForOrganization,
        seats: ev.summary.seats,
        sequencesPausedForOrganization: sequenceChanges.length,
        policyAcknowledged: true,
        restoreUntil: purgeAfter,
      },
    });
    await step('audit');
    return { dryRun: false, ready: true, problems: [], summary: ev.summary, tombstone: { label, deletedAt: now, restoreUntil: purgeAfter } };
  });
}

// ---------------------------------------------------------------- restore / purge

interface Tombstone {
  name: string;
  email: string;
  emailNormalized: string;
  status: string;
  groupIds: string[];
  workspaceMemberships: { workspace_id: string; role: 'admin' | 'editor' | 'viewer' }[];
}

/**
 * Brings a deleted account back within the restore period, as deactivated: an administrator then
 * reactivates it deliberately. Content stays with whoever received it; groups and Workspace
 * memberships that still exist come back.
 */
export async function restoreUser(ctx: RequestContext & { actor: Actor }, userId: string, reasonInput?: string) {
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const user = await requireUser(trx, ctx.organizationId, userId);
    if (user.status !== 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_NOT_DELETED');
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const now = nowIso(ctx.deps);
    if (!user.tombstone || (user.purge_after && user.purge_after <= now)) throw fail(OFFBOARDING_ERRORS, 'RESTORE_WINDOW_PASSED');
    const saved = JSON.parse(user.tombstone) as Tombstone;
    const clash = await trx.selectFrom('users').select('id').where('organization_id', '=', ctx.organizationId).where('email_normalized', '=', saved.emailNormalized).executeTakeFirst();
    if (clash) throw fail(OFFBOARDING_ERRORS, 'EMAIL_IN_USE');
    await trx
      .updateTable('users')
      .set({ status: 'deactivated', name: saved.name, email: saved.email, email_normalized: saved.emailNormalized, search_text: userSearchText(saved.name, saved.emailNormalized), deleted_at: null, purge_after: null, tombstone: null, deactivated_at: now, version: user.version + 1, updated_at: now })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', '=', user.id)
      .execute();
    const groups = saved.groupIds.length ? await trx.selectFrom('groups').select('id').where('organization_id', '=', ctx.organizationId).where('id', 'in', saved.groupIds).execute() : [];
    for (const g of groups) await addToGroup(trx, ctx.organizationId, g.id, [user.id], ctx.actor.userId, now);
    const wsIds = saved.workspaceMemberships.map((m) => m.workspace_id);
    const workspaces = new Set(wsIds.length ? (await trx.selectFrom('workspaces').select('id').where('organization_id', '=', ctx.organizationId).where('id', 'in', wsIds).execute()).map((w) => w.id) : []);
    const memberships = saved.workspaceMemberships.filter((m) => workspaces.has(m.workspace_id));
    for (const m of memberships) {
      await trx.insertInto('workspace_members').values({ organization_id: ctx.organizationId, workspace_id: m.workspace_id, member_type: 'user', member_id: user.id, role: m.role, added_by: ctx.actor.userId, added_at: now }).execute();
    }
    await recordAudit(trx, ctx, {
      action: 'user.restored',
      category: 'access',
      risk: 'high',
      subject: { type: 'user', id: user.id, label: saved.email },
      reason,
      before: { status: 'deleted', label: user.name },
      after: { status: 'deactivated', groups: groups.length, workspaceMemberships: memberships.length },
    });
    return { status: 'deactivated', restoredGroups: groups.length, restoredWorkspaceMemberships: memberships.length };
  });
}

/**
 * Erases the personal data of users deleted more than RESTORE_DAYS ago: the saved name and email,
 * their sessions, sign-in links, mail, and their name/email in audit history (replaced by the
 * tombstone label, so the history stays readable). Safe to run from several processes: each user
 * is purged in its own transaction guarded by `tombstone IS NOT NULL`.
 */
export async function purgeDeletedUsers(deps: Deps, limit = 500): Promise<number> {
  const now = nowIso(deps);
  const due = await deps.db.selectFrom('users').select(['id', 'organization_id']).where('status', '=', 'deleted').where('purge_after', '<=', now).where('tombstone', 'is not', null).limit(limit).execute();
  let purged = 0;
  for (const { id, organization_id: org } of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', id).where('tombstone', 'is not', null).executeTakeFirst();
      if (!user || user.status !== 'deleted') return false;
      const saved = JSON.parse(user.tombstone!) as Tombstone;
      const label = tombstoneLabel(id);
      await trx.updateTable('audit_events').set({ subject_label: label }).where('organization_id', '=', org).where('subject_id', '=', id).execute();
      await trx.updateTable('audit_events').set({ actor_label: label }).where('organization_id', '=', org).where('actor_user_id', '=', id).execute();
      for (const personal of [...new Set([saved.email, saved.emailNormalized])]) {
        const like = `%${personal.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        await trx
          .updateTable('audit_events')
          .set((eb) => ({
            before: eb.fn<string>('replace', [eb.ref('before'), eb.val(personal), eb.val(label)]),
            after: eb.fn<string>('replace', [eb.ref('after'), eb.val(personal), eb.val(label)]),
            subject_label: eb.fn<string>('replace', [eb.ref('subject_label'), eb.val(personal), eb.val(label)]),
            actor_label: eb.fn<string>('replace', [eb.ref('actor_label'), eb.val(personal), eb.val(label)]),
          }))
          .where('organization_id', '=', org)
          .where((eb) => eb.or([eb('before', 'like', like), eb('after', 'like', like), eb('subject_label', 'like', like), eb('actor_label', 'like', like)]))
          .execute();
      }
      await trx.updateTable('invitations').set({ email_normalized: user.email_normalized }).where('organization_id', '=', org).where('user_id', '=', id).execute();
      await trx.deleteFrom('mail_outbox').where('organization_id', '=', org).where('to_address', 'in', [...new Set([saved.email, saved.emailNormalized])]).execute();
      await trx.deleteFrom('sessions').where('organization_id', '=', org).where('user_id', '=', id).execute();
      await trx.deleteFrom('magic_links').where('organization_id', '=', org).where('user_id', '=', id).execute();
      await trx.updateTable('users').set({ tombstone: null, purged_at: now, updated_at: now }).where('id', '=', id).execute();
      await recordAudit(trx, { deps, organizationId: org, actor: null, ip: null, userAgent: null }, { action: 'user.purged', category: 'data_recovery', risk: 'medium', subject: { type: 'user', id, label }, before: { personalData: 'kept for restore' }, after: { personalData: 'erased' } });
      return true;
    });
    if (done) purged++;
  }
  return purged;
}

