import {
  BULK_JOB_MAX,
  BULK_JOB_UNDO_DAYS,
  type BulkJob,
  type BulkJobDetail,
  type BulkJobList,
  type BulkJobStopCode,
  type StartBulkJobBody,
} from '../../../contracts/bulk-jobs.js';
import type { DbOrTrx } from '../../db/database.js';
import { requireConditional } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { findGroup } from '../groups/index.js';
import { assertNoEscalation, findRole, rolePermissions, ROLES_ERRORS } from '../roles/index.js';
import { listMatchingUserIds, USERS_ERRORS } from '../users/index.js';
import { BULK_JOBS_ERRORS } from './bulk-jobs.errors.js';
import { changedItems, failuresOf, findJob, insertItems, insertJob, listJobs, type NewItem } from './bulk-jobs.repository.js';
import type { BulkJobRow } from './bulk-jobs.table.js';

const DAY_MS = 86_400_000;
/** Deactivations are reversed person by person, invitations revoked on the Invitations page: neither by Undo. */
const UNDOABLE_KINDS = new Set(['assign_role', 'add_to_group', 'remove_from_group']);

type Ctx = RequestContext & { actor: Actor };

const ACTION_WORDS: Record<string, string> = {
  assign_role: 'Assign role',
  add_to_group: 'Add to group',
  remove_from_group: 'Remove from group',
  deactivate: 'Deactivate',
  invite_csv: 'Invite from CSV',
  undo: 'Undo',
};

export function jobSubject(job: Pick<BulkJobRow, 'id' | 'kind' | 'target_label' | 'total'>) {
  const what = job.kind === 'invite_csv' ? 'rows' : 'users';
  return { type: 'bulk_job', id: job.id, label: `${ACTION_WORDS[job.kind]} "${job.target_label}" · ${job.total} ${what}` };
}

export function actorLabelOf(actor: Actor): string {
  return `${actor.name} <${actor.email}>`;
}

async function targetsOf(ctx: Ctx, body: StartBulkJobBody): Promise<string[]> {
  if (body.userIds?.length) return [...new Set(body.userIds)];
  if (!body.filter) throw fail(USERS_ERRORS, 'BULK_TARGET_REQUIRED');
  const ids = await listMatchingUserIds(ctx.deps.db, ctx.organizationId, { ...body.filter, now: nowIso(ctx.deps) }, ctx.deps.dialect, BULK_JOB_MAX + 1);
  if (ids.length > BULK_JOB_MAX) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_TOO_MANY');
  return ids;
}

async function targetOf(ctx: Ctx, body: StartBulkJobBody): Promise<{ id: string; name: string }> {
  if (body.action === 'deactivate') return { id: '', name: 'Deactivated' };
  if (body.action === 'assign_role') {
    if (!body.roleId) throw fail(USERS_ERRORS, 'BULK_ROLE_REQUIRED');
    const role = await findRole(ctx.deps.db, ctx.organizationId, body.roleId);
    if (!role) throw fail(ROLES_ERRORS, 'ROLE_NOT_FOUND', { roleId: body.roleId });
    // Refused up front as well as per chunk: nobody grants what they do not hold.
    assertNoEscalation(ctx.actor, rolePermissions(role), role.name);
    return { id: role.id, name: role.name };
  }
  if (!body.groupId) throw fail(USERS_ERRORS, 'BULK_GROUP_REQUIRED');
  const group = await findGroup(ctx.deps.db, ctx.organizationId, body.groupId);
  if (!group) throw fail(USERS_ERRORS, 'GROUP_NOT_FOUND');
  return { id: group.id, name: group.name };
}

interface NewJob {
  kind: string;
  target: { id: string; name: string };
  reason: string | null;
  undoOf?: string;
  items: NewItem[];
}

/** Writes a queued job, its items and its `bulk_job.started` event in the caller's transaction. */
export async function queueJob(trx: DbOrTrx, ctx: Ctx, job: NewJob): Promise<BulkJobRow> {
  const now = nowIso(ctx.deps);
  const row = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    kind: job.kind,
    target_id: job.target.id,
    target_label: job.target.name,
    undo_of: job.undoOf ?? null,
    reason: job.reason,
    started_by: ctx.actor.userId,
    started_by_label: actorLabelOf(ctx.actor),
    status: 'pending',
    total: job.items.length,
    next_attempt_at: now,
    created_at: now,
  };
  await insertJob(trx, row);
  await insertItems(trx, row.id, job.items);
  await recordAudit(trx, ctx, {
    action: 'bulk_job.started',
    category: 'access',
    risk: job.kind === 'assign_role' ? 'high' : 'medium',
    subject: jobSubject(row),
    reason: job.reason,
    after: { kind: job.kind, target: job.target.name, users: job.items.length, ...(job.undoOf ? { undoOf: job.undoOf } : {}) },
  });
  return (await findJob(trx, ctx.organizationId, row.id))!;
}

/** Queues a bulk role or group change of any size; the worker applies it in chunks. */
export async function startBulkJob(ctx: Ctx, body: StartBulkJobBody): Promise<BulkJob> {
  const target = await targetOf(ctx, body);
  const ids = await targetsOf(ctx, body);
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    return queueJob(trx, ctx, { kind: body.action, target, reason, items: ids.map((userId) => ({ userId })) });
  });
  return toBulkJob(row, ctx.deps.clock());
}

export async function listBulkJobs(ctx: Ctx, query: { cursor?: string; limit?: number }): Promise<BulkJobList> {
  const limit = query.limit ?? 20;
  const rows = await listJobs(ctx.deps.db, ctx.organizationId, query.cursor, limit + 1);
  const now = ctx.deps.clock();
  return { items: rows.slice(0, limit).map((r) => toBulkJob(r, now)), nextCursor: rows.length > limit ? rows[limit - 1].id : null };
}

export async function requireJob(db: DbOrTrx, organizationId: string, id: string): Promise<BulkJobRow> {
  const row = await findJob(db, organizationId, id);
  if (!row) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_NOT_FOUND');
  return row;
}

export async function getBulkJob(ctx: Ctx, id: string): Promise<BulkJobDetail> {
  const row = await requireJob(ctx.deps.db, ctx.organizationId, id);
  const failures = await failuresOf(ctx.deps.db, id, ctx.organizationId, 100);
  return {
    ...toBulkJob(row, ctx.deps.clock()),
    failures: failures.map((f) => {
      const row = f.payload ? (JSON.parse(f.payload) as { line: number; email: string }) : null;
      return {
        userId: f.user_id,
        ...(row ? { line: row.line } : {}),
        email: f.email ?? row?.email ?? null,
        code: f.error_code ?? 'UNKNOWN',
        message: f.error_message ?? '',
        ...(f.error_details ? { details: JSON.parse(f.error_details) as unknown } : {}),
      };
    }),
  };
}

/** Asks the job to stop after the chunk in flight; what it already changed stays (and can be undone). */
export async function cancelBulkJob(ctx: Ctx, id: string): Promise<BulkJob> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await requireJob(trx, ctx.organizationId, id);
    if (!['pending', 'sending'].includes(row.status)) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_FINISHED');
    if (row.kind === 'deactivate') requireConditional(ctx, 'deactivation');
    else if (row.kind === 'invite_csv') requireConditional(ctx, 'invitations');
    else requireConditional(ctx, (await changesRoles(trx, row)) ? 'role' : 'groups');
    if (row.cancel_requested) return;
    await trx.updateTable('bulk_jobs').set({ cancel_requested: 1 }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'bulk_job.cancelled',
      category: 'access',
      risk: 'low',
      subject: jobSubject(row),
      before: { processed: row.processed, total: row.total },
    });
  });
  return toBulkJob(await requireJob(ctx.deps.db, ctx.organizationId, id), ctx.deps.clock());
}

/**
 * Queues the job that restores what a finished (or cancelled) role or group job changed, as the
 * person who asks now, with their permissions and grant ceiling: once, within 30 days.
 */
export async function undoBulkJob(ctx: Ctx, id: string): Promise<BulkJob> {
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const job = await requireJob(trx, ctx.organizationId, id);
    if (!UNDOABLE_KINDS.has(job.kind) || job.undone_by || !['done', 'cancelled'].includes(job.status)) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_NOT_UNDOABLE');
    if (!undoableUntil(job, ctx.deps.clock())) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_UNDO_EXPIRED');
    requireConditional(ctx, job.kind === 'assign_role' ? 'role' : 'groups');
    const items = (await changedItems(trx, id)).map((item) => ({ userId: item.user_id, restoreTo: item.before_value }));
    const undo = await queueJob(trx, ctx, {
      kind: 'undo',
      target: { id: job.target_id, name: job.target_label },
      reason: `Undo of bulk job ${job.id}`,
      undoOf: job.id,
      items,
    });
    // Compare-and-set: two clicks at once queue one undo.
    const claimed = await trx.updateTable('bulk_jobs').set({ undone_by: undo.id }).where('id', '=', id).where('undone_by', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_NOT_UNDOABLE');
    return undo;
  });
  return toBulkJob(row, ctx.deps.clock());
}

/** Whether the job changes roles (an undo: whether the job it undoes did). */
async function changesRoles(db: DbOrTrx, row: BulkJobRow): Promise<boolean> {
  if (row.kind !== 'undo') return row.kind === 'assign_role';
  return (await findJob(db, row.organization_id, row.undo_of!))?.kind === 'assign_role';
}

/** Until when a job can be undone, or null. */
export function undoableUntil(row: BulkJobRow, now: Date): string | null {
  if (!UNDOABLE_KINDS.has(row.kind) || row.undone_by || !row.finished_at || !['done', 'cancelled'].includes(row.status) || row.changed === 0) return null;
  const until = new Date(new Date(row.finished_at).getTime() + BULK_JOB_UNDO_DAYS * DAY_MS);
  return until > now ? until.toISOString() : null;
}

function publicStatus(row: BulkJobRow): BulkJob['status'] {
  if (row.status === 'pending') return row.processed === 0 && row.attempts === 0 ? 'queued' : 'running';
  if (row.status === 'sending') return 'running';
  return row.status as BulkJob['status'];
}

/** The last error as a code and values; null without one, or for a job from before jobs kept it (its English stands). */
function lastErrorMessage(row: BulkJobRow): BulkJob['lastErrorMessage'] {
  if (row.last_error === null || row.last_error_code === null) return null;
  return { code: row.last_error_code as BulkJobStopCode, values: JSON.parse(row.last_error_values ?? '{}') as Record<string, string | number> };
}

export function toBulkJob(row: BulkJobRow, now: Date): BulkJob {
  return {
    id: row.id,
    kind: row.kind as BulkJob['kind'],
    target: { id: row.target_id, name: row.target_label },
    status: publicStatus(row),
    cancelRequested: row.cancel_requested === 1,
    total: row.total,
    processed: row.processed,
    changed: row.changed,
    skipped: row.skipped,
    reason: row.reason,
    startedBy: { id: row.started_by, label: row.started_by_label },
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    lastError: row.last_error,
    lastErrorMessage: lastErrorMessage(row),
    undoOf: row.undo_of,
    undoneBy: row.undone_by,
    undoableUntil: undoableUntil(row, now),
  };
}
