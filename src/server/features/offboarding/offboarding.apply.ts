// Deleting a user: the checked plan applied in one transaction, leaving a restorable tombstone.
import type { DeleteUserBody, DeleteUserResult } from '../../../contracts/offboarding.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { chunks } from '../../db/chunks.js';
import { revokeAllSessionsOf } from '../auth/index.js';
import { groupIdsOf } from '../groups/index.js';
import {
  addCollaboratorSeats,
  announceOwnershipChanges,
  announceSeatChanges,
  announceSequenceChanges,
  type CollaboratorRow,
  type OwnershipChange,
  type SeatChange,
  type SequenceStatusChange,
} from '../ownership/index.js';
import { lockOrganizationForAccessChange } from '../roles/index.js';
import { userSearchText, type UserRow } from '../users/index.js';
import { OFFBOARDING_ERRORS } from './offboarding.errors.js';
import { directWorkspaceMemberships, revokePendingInvitations, setOwner } from './offboarding.repository.js';
import { evaluatePlan, refusal, typeCounts, type Evaluation } from './offboarding.plan.js';
import { RESTORE_DAYS, DAY, tombstoneLabel } from './offboarding.tombstone.js';

/** Test and fault-injection hook: called between the steps of an offboarding transaction. */
export interface OffboardingHooks {
  onStep?: (step: string) => Promise<void> | void;
}

type Ctx = RequestContext & { actor: Actor };

/** 1. Ownership: grouped by new owner, set-based in chunks. */
async function transferOwnership(trx: DbOrTrx, ctx: Ctx, ev: Evaluation, now: string) {
  const { user } = ev;
  const org = ctx.organizationId;
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
  await makeNewOwnersWorkspaceAdmins(trx, ctx, ev, now);
  return { ownershipChanges, sequenceChanges };
}

/** A transferred Workspace makes its new owner a direct Admin. */
async function makeNewOwnersWorkspaceAdmins(trx: DbOrTrx, ctx: Ctx, ev: Evaluation, now: string): Promise<void> {
  const org = ctx.organizationId;
  const wsTransfers = ev.owned.filter((i) => i.type === 'workspace' && ev.ownerOf.get(i.id));
  if (!wsTransfers.length) return;
  const existingWs = new Set<string>();
  for (const part of chunks(wsTransfers.map((i) => i.external_id))) {
    for (const w of await trx.selectFrom('workspaces').select('id').where('organization_id', '=', org).where('id', 'in', part).execute()) existingWs.add(w.id);
  }
  for (const item of wsTransfers.filter((i) => existingWs.has(i.external_id))) {
    const to = ev.ownerOf.get(item.id)!;
    const prev = await trx
      .selectFrom('workspace_members')
      .select('role')
      .where('workspace_id', '=', item.external_id)
      .where('member_type', '=', 'user')
      .where('member_id', '=', to)
      .executeTakeFirst();
    if (prev)
      await trx
        .updateTable('workspace_members')
        .set({ role: 'admin' })
        .where('workspace_id', '=', item.external_id)
        .where('member_type', '=', 'user')
        .where('member_id', '=', to)
        .execute();
    else
      await trx
        .insertInto('workspace_members')
        .values({
          organization_id: org,
          workspace_id: item.external_id,
          member_type: 'user',
          member_id: to,
          role: 'admin',
          added_by: ctx.actor.userId,
          added_at: now,
        })
        .execute();
  }
}

/** 2. Collaborator seats: replaced (unless the replacement already has a seat or now owns it) or removed. */
async function replaceSeats(trx: DbOrTrx, org: string, ev: Evaluation, now: string): Promise<SeatChange[]> {
  const { user } = ev;
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
  return seatChanges;
}

/** 3. Access: sessions, invitations, memberships. Returns what was removed, for the tombstone and the audit event. */
async function removeAccess(trx: DbOrTrx, org: string, userId: string, now: string) {
  const sessionsRevoked = await revokeAllSessionsOf(trx, org, userId, now);
  const invitationsRevoked = await revokePendingInvitations(trx, org, userId, now);
  const memberships = await directWorkspaceMemberships(trx, org, userId);
  const groupIds = await groupIdsOf(trx, org, userId);
  await trx.deleteFrom('workspace_members').where('organization_id', '=', org).where('member_type', '=', 'user').where('member_id', '=', userId).execute();
  await trx.deleteFrom('group_members').where('organization_id', '=', org).where('user_id', '=', userId).execute();
  return { sessionsRevoked, invitationsRevoked, memberships, groupIds };
}
type RemovedAccess = Awaited<ReturnType<typeof removeAccess>>;

/** 4. The tombstone: personal data set aside for the restore period, then purged. */
async function writeTombstone(trx: DbOrTrx, ctx: Ctx, user: UserRow, access: RemovedAccess, now: string) {
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
      tombstone: JSON.stringify({
        name: user.name,
        email: user.email,
        emailNormalized: user.email_normalized,
        status: user.status,
        groupIds: access.groupIds,
        workspaceMemberships: access.memberships,
      }),
      version: user.version + 1,
      updated_at: now,
    })
    .where('organization_id', '=', ctx.organizationId)
    .where('id', '=', user.id)
    .execute();

  // Nothing may still belong to the tombstone (a content service could have registered an item meanwhile).
  const left = await trx
    .selectFrom('content_items')
    .select('id')
    .where('organization_id', '=', ctx.organizationId)
    .where('owner_user_id', '=', user.id)
    .limit(1)
    .executeTakeFirst();
  if (left) throw fail(OFFBOARDING_ERRORS, 'PLAN_STALE');
  return { label, purgeAfter };
}

async function auditDeletion(
  trx: DbOrTrx,
  ctx: Ctx,
  body: DeleteUserBody,
  ev: Evaluation,
  access: RemovedAccess,
  tombstone: { label: string; purgeAfter: string },
  sequencesPaused: number,
): Promise<void> {
  const { user } = ev;
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
      activeSessions: access.sessionsRevoked,
      pendingInvitations: access.invitationsRevoked,
      workspaceMemberships: access.memberships.length,
      groups: access.groupIds.length,
    },
    after: {
      status: 'deleted',
      tombstone: tombstone.label,
      transfers: ev.summary.transfers.map((t) => ({ to: t.to.email, count: t.count, byType: t.byType })),
      keptForOrganization: ev.summary.keptForOrganization,
      seats: ev.summary.seats,
      sequencesPausedForOrganization: sequencesPaused,
      policyAcknowledged: true,
      restoreUntil: tombstone.purgeAfter,
    },
  });
}

/**
 * Deletes a user the way the wizard does: the same plan, previewed with `dryRun`, applied in one
 * transaction. Refused while any owned item or seat lacks a decision, a target is not active,
 * or the confirmation is incomplete.
 */
export async function deleteUser(ctx: Ctx, userId: string, body: DeleteUserBody, hooks: OffboardingHooks = {}): Promise<DeleteUserResult> {
  if (body.dryRun) {
    const ev = await evaluatePlan(ctx.deps.db, ctx, userId, body);
    return { dryRun: true, ready: ev.problems.length === 0, problems: ev.problems, summary: ev.summary, tombstone: null };
  }
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const ev = await evaluatePlan(trx, ctx, userId, body);
    if (ev.problems.length > 0) throw refusal(ev.problems);
    const step = async (name: string) => hooks.onStep?.(name);
    const now = nowIso(ctx.deps);
    const { ownershipChanges, sequenceChanges } = await transferOwnership(trx, ctx, ev, now);
    await step('ownership');
    const seatChanges = await replaceSeats(trx, ctx.organizationId, ev, now);
    await step('collaborators');
    const access = await removeAccess(trx, ctx.organizationId, ev.user.id, now);
    await step('access');
    const tombstone = await writeTombstone(trx, ctx, ev.user, access, now);
    await announceOwnershipChanges(trx, ctx, ownershipChanges, 'user_deleted');
    await announceSeatChanges(trx, ctx, seatChanges, 'user_deleted');
    await announceSequenceChanges(trx, ctx, sequenceChanges, 'user_deleted');
    await step('webhooks');
    await auditDeletion(trx, ctx, body, ev, access, tombstone, sequenceChanges.length);
    await step('audit');
    return {
      dryRun: false,
      ready: true,
      problems: [],
      summary: ev.summary,
      tombstone: { label: tombstone.label, deletedAt: now, restoreUntil: tombstone.purgeAfter },
    };
  });
}
