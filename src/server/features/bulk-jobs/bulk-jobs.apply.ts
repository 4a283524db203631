import type { DbOrTrx } from '../../db/database.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { changeGroupMemberships, findGroup } from '../groups/index.js';
import { deactivateInTransaction, OFFBOARDING_ERRORS } from '../offboarding/index.js';
import { lockOrganizationForAccessChange, outrankingTargets } from '../roles/index.js';
import { assignRoles, USERS_ERRORS, usersByIds, type UserRow } from '../users/index.js';
import { BULK_JOBS_ERRORS } from './bulk-jobs.errors.js';
import { applyInviteChunk } from './bulk-jobs.invite.js';
import type { ItemOutcome } from './bulk-jobs.repository.js';
import type { BulkJobItemRow, BulkJobRow } from './bulk-jobs.table.js';

type Ctx = RequestContext & { actor: Actor };
type Outcomes = Map<number, ItemOutcome>;

const skipped = (error: AppError): ItemOutcome => ({ status: 'skipped', errorCode: error.code, errorMessage: error.message, errorDetails: error.details });

/**
 * Applies one chunk of a job inside `trx`, through the same guardrails as a change made by hand
 * (they write the per-user audit events), and says what happened to each item. `kind` is what the
 * job does: for an undo, what the undone job did (applied in reverse).
 */
export async function applyChunk(trx: DbOrTrx, ctx: Ctx, job: BulkJobRow, kind: string, items: readonly BulkJobItemRow[]): Promise<Outcomes> {
  if (kind === 'invite_csv') return applyInviteChunk(trx, ctx, job, items);
  const outcomes: Outcomes = new Map();
  const users = await usersByIds(
    trx,
    job.organization_id,
    items.map((i) => i.user_id),
  );
  const byId = new Map(users.map((u) => [u.id, u]));
  const present: { item: BulkJobItemRow; user: UserRow }[] = [];
  for (const item of items) {
    const user = byId.get(item.user_id);
    if (user) present.push({ item, user });
    else outcomes.set(item.seq, skipped(fail(USERS_ERRORS, 'USER_NOT_FOUND')));
  }
  if (kind === 'assign_role') await applyRoles(trx, ctx, job, present, outcomes);
  else if (kind === 'deactivate') await applyDeactivation(trx, ctx, job, present, outcomes);
  else await applyGroups(trx, ctx, job, kind, present, outcomes);
  return outcomes;
}

async function applyRoles(trx: DbOrTrx, ctx: Ctx, job: BulkJobRow, present: { item: BulkJobItemRow; user: UserRow }[], outcomes: Outcomes) {
  await lockOrganizationForAccessChange(trx, ctx.deps.dialect, job.organization_id);
  if (job.kind !== 'undo') {
    await assignRoleTo(trx, ctx, job, present, job.target_id, outcomes);
    return;
  }
  // Undo: back to each user's role from before, unless someone changed their role since.
  const byRestore = new Map<string, { item: BulkJobItemRow; user: UserRow }[]>();
  for (const entry of present) {
    if (entry.user.role_id !== job.target_id || !entry.item.restore_to) {
      outcomes.set(entry.item.seq, skipped(fail(BULK_JOBS_ERRORS, 'CHANGED_SINCE')));
      continue;
    }
    const list = byRestore.get(entry.item.restore_to) ?? [];
    list.push(entry);
    byRestore.set(entry.item.restore_to, list);
  }
  for (const [roleId, entries] of byRestore) await assignRoleTo(trx, ctx, job, entries, roleId, outcomes);
}

async function assignRoleTo(
  trx: DbOrTrx,
  ctx: Ctx,
  job: BulkJobRow,
  entries: { item: BulkJobItemRow; user: UserRow }[],
  roleId: string,
  outcomes: Outcomes,
): Promise<void> {
  const seqOf = new Map(entries.map((e) => [e.user.id, e.item.seq]));
  try {
    const { changed, refused } = await assignRoles(
      trx,
      ctx,
      entries.map((e) => e.user),
      roleId,
      job.reason,
    );
    for (const user of changed) outcomes.set(seqOf.get(user.id)!, { status: 'changed', beforeValue: user.role_id });
    for (const { user, error } of refused) outcomes.set(seqOf.get(user.id)!, skipped(error));
  } catch (error) {
    // The role is gone or above the actor's grant ceiling: every user of this part is reported.
    if (!(error instanceof AppError)) throw error;
    for (const e of entries) outcomes.set(e.item.seq, skipped(error));
  }
  for (const e of entries) if (!outcomes.has(e.item.seq)) outcomes.set(e.item.seq, { status: 'unchanged' });
}

async function applyGroups(
  trx: DbOrTrx,
  ctx: Ctx,
  job: BulkJobRow,
  kind: string,
  present: { item: BulkJobItemRow; user: UserRow }[],
  outcomes: Outcomes,
): Promise<void> {
  const forward = kind === 'add_to_group' ? 'add' : 'remove';
  const mode = job.kind === 'undo' ? (forward === 'add' ? 'remove' : 'add') : forward;
  const group = await findGroup(trx, job.organization_id, job.target_id);
  if (!group) {
    for (const { item } of present) outcomes.set(item.seq, skipped(fail(USERS_ERRORS, 'GROUP_NOT_FOUND')));
    return;
  }
  const outranking = await outrankingTargets(
    trx,
    ctx.actor,
    job.organization_id,
    present.map((p) => p.user),
  );
  const members: UserRow[] = [];
  const seqOf = new Map<string, number>();
  for (const { item, user } of present) {
    seqOf.set(user.id, item.seq);
    if (user.status === 'deleted') outcomes.set(item.seq, skipped(fail(USERS_ERRORS, 'USER_DELETED')));
    else if (outranking.has(user.id)) outcomes.set(item.seq, skipped(outranking.get(user.id)!));
    else members.push(user);
  }
  const changed = new Set(await changeGroupMemberships(trx, ctx, group, members, mode, job.reason));
  for (const user of members) {
    outcomes.set(
      seqOf.get(user.id)!,
      changed.has(user.id) ? { status: 'changed', beforeValue: mode === 'add' ? 'not_member' : 'member' } : { status: 'unchanged' },
    );
  }
}

/** One user at a time through the console's deactivation (sessions, invitations, paused sequences, audit). */
async function applyDeactivation(trx: DbOrTrx, ctx: Ctx, job: BulkJobRow, present: { item: BulkJobItemRow; user: UserRow }[], outcomes: Outcomes) {
  for (const { item, user } of present) {
    if (user.provisioned_by) {
      outcomes.set(
        item.seq,
        skipped(
          fail(
            OFFBOARDING_ERRORS,
            'MANAGED_BY_IDENTITY_PROVIDER',
            { provisionedBy: user.provisioned_by, email: user.email },
            `${user.email} is provisioned by ${user.provisioned_by}: change their status there.`,
          ),
        ),
      );
      continue;
    }
    try {
      await deactivateInTransaction(trx, ctx, user.id, job.reason ?? undefined);
      outcomes.set(item.seq, { status: 'changed', beforeValue: user.status });
    } catch (error) {
      // Every refusal (yourself, the last administrator, already deactivated) comes before any write.
      if (!(error instanceof AppError)) throw error;
      outcomes.set(item.seq, skipped(error));
    }
  }
}
