// Deactivation blocks sign-in at once and pauses the user's Sequences; reactivation can resume them.
import type { Static } from 'typebox';
import type { DeactivateResult, ReactivateBody } from '../../../contracts/offboarding.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { chunks } from '../../db/chunks.js';
import { revokeAllSessionsOf } from '../auth/index.js';
import { announceSequenceChanges } from '../ownership/index.js';
import { assertKeepsAccessAdmin, assertMayActOn, grantsAccessAdmin, lockOrganizationForAccessChange, requireRole, rolePermissions } from '../roles/index.js';
import { requireUser, type UserRow } from '../users/index.js';
import { OFFBOARDING_ERRORS } from './offboarding.errors.js';
import { activeSequencesOf, revokePendingInvitations } from './offboarding.repository.js';

export function subject(user: UserRow) {
  return { type: 'user', id: user.id, label: user.status === 'deleted' ? user.name : user.email };
}

export async function roleGrantsAccessAdmin(db: DbOrTrx, organizationId: string, user: UserRow): Promise<boolean> {
  return grantsAccessAdmin(rolePermissions(await requireRole(db, organizationId, user.role_id)));
}

/**
 * Blocks sign-in at once: the status check runs on every request, every session is revoked,
 * pending invitations are revoked, and the user's active Sequences are paused and remembered.
 */
export async function deactivateUser(ctx: RequestContext & { actor: Actor }, userId: string, reasonInput?: string): Promise<DeactivateResult> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    await assertConsoleOwnsStatus(trx, ctx.organizationId, userId);
    return deactivateInTransaction(trx, ctx, userId, reasonInput);
  });
}

/**
 * The console's Deactivate and Reactivate: someone an identity provider provisions has their active
 * status from it (SCIM `active`), so the console does not change it behind the provider's back.
 */
async function assertConsoleOwnsStatus(trx: DbOrTrx, organizationId: string, userId: string): Promise<void> {
  const user = await requireUser(trx, organizationId, userId);
  if (user.provisioned_by) {
    throw fail(
      OFFBOARDING_ERRORS,
      'MANAGED_BY_IDENTITY_PROVIDER',
      { provisionedBy: user.provisioned_by, email: user.email },
      `${user.email} is provisioned by ${user.provisioned_by}: their name, email and active status come from the identity provider. Change them there; you can still sign them out everywhere.`,
    );
  }
}

/** Exported so bulk actions can deactivate many users in one transaction. */
export async function deactivateInTransaction(
  trx: DbOrTrx,
  ctx: RequestContext & { actor: Actor },
  userId: string,
  reasonInput?: string,
): Promise<DeactivateResult> {
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
    await assertConsoleOwnsStatus(trx, ctx.organizationId, userId);
    return reactivateInTransaction(trx, ctx, userId, body);
  });
}

/** Exported so SCIM (`active: true`) reactivates inside its own change's transaction. */
export async function reactivateInTransaction(trx: DbOrTrx, ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ReactivateBody>) {
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
    await trx
      .updateTable('content_items')
      .set((eb) => ({ sequence_status: 'active', paused_for_user_id: null, version: eb('version', '+', 1), updated_at: now }))
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', part)
      .execute();
  }
  // The offer is answered: Sequences not resumed now stay paused like any other.
  for (const part of chunks([...pausedIds].filter((id) => !wanted.includes(id)))) {
    await trx
      .updateTable('content_items')
      .set({ paused_for_user_id: null })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', part)
      .execute();
  }
  const resumed = paused.filter((p) => wanted.includes(p.id));
  await announceSequenceChanges(
    trx,
    ctx,
    resumed.map((s) => ({ itemId: s.id, externalId: s.external_id, title: s.title, ownerUserId: user.id, fromStatus: 'paused', toStatus: 'active' })),
    'owner_reactivated',
  );
  await trx
    .updateTable('users')
    .set({ status: 'active', deactivated_at: null, version: user.version + 1, updated_at: now })
    .where('organization_id', '=', ctx.organizationId)
    .where('id', '=', user.id)
    .execute();
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
}
