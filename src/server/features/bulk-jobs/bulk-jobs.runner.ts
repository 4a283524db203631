import type { FastifyBaseLogger } from 'fastify';
import type { Updateable } from 'kysely';
import type { BulkJobStopCode } from '../../../contracts/bulk-jobs.js';
import type { BackgroundJob } from '../../platform/background-job.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { deliverDue, type Lease, type SendOutcome } from '../../platform/outbox-lease.js';
import { applyChunk } from './bulk-jobs.apply.js';
import { BULK_JOBS_ERRORS } from './bulk-jobs.errors.js';
import { advanceJob, findJobAnyOrganization, markItems, pendingItems } from './bulk-jobs.repository.js';
import { jobSubject } from './bulk-jobs.service.js';
import type { BulkJobRow, BulkJobsTable } from './bulk-jobs.table.js';

/** Users per chunk: each chunk is one transaction with its changes, audit events, items and progress. */
export const BULK_JOB_CHUNK = 200;
/** A claim works this long, then lets other jobs have a turn (far below the lease, 5 minutes). */
const CLAIM_BUDGET_MS = 5_000;

const PERMISSION_OF: Record<string, string> = {
  assign_role: 'users.assign_role',
  add_to_group: 'groups.manage',
  remove_from_group: 'groups.manage',
  deactivate: 'users.deactivate',
  invite_csv: 'users.invite',
};

export interface BulkJobHooks {
  /** Called inside each chunk's transaction after its writes, before it commits (crash tests). */
  inChunk?: (jobId: string, chunk: number) => Promise<void>;
  /** Hand the job back after this many chunks of a claim (tests look at a job mid-run). */
  chunksPerClaim?: number;
  /** Items per chunk instead of BULK_JOB_CHUNK (tests look at a CSV import mid-run without thousands of rows). */
  chunkSize?: number;
  /** Called after each chunk commits: the app wakes the mail worker for the mail the chunk queued. */
  chunkCommitted?: () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without background workers (tests call runDueBulkJobs). */
    bulkJobWorker: BackgroundJob | null;
  }
}

class LeaseLost extends Error {}

/** Why the job stopped, as the message code and values the console words it from. */
function stopColumns(code: BulkJobStopCode, values: Record<string, string | number> = {}) {
  return { last_error_code: code, last_error_values: JSON.stringify(values) };
}

type Outcome = SendOutcome<Updateable<BulkJobsTable>>;

/**
 * What the API says of an attempt that threw: the exception's own message is internal (SQL, driver
 * errors), so it goes to the server log with the job id and the job shows this sentence instead.
 */
const ATTEMPT_FAILED_TEXT = 'the last attempt failed with an error on the server (its log has the details)';
const MAX_ATTEMPTS = 5;

/**
 * Runs the jobs that are due with the outboxes' lease (platform/outbox-lease.ts): a job is claimed,
 * worked chunk by chunk for a few seconds, then handed back as 'pending' until it is done. A process
 * that dies holding one loses its lease, and the next claimant resumes at the first pending item:
 * the chunk that was in flight rolled back whole, so nothing is applied or audited twice.
 */
export function runDueBulkJobs(deps: Deps, logger: FastifyBaseLogger, hooks: BulkJobHooks = {}, batch = 5): Promise<number> {
  return deliverDue(
    deps,
    logger,
    {
      table: 'bulk_jobs',
      maxAttempts: MAX_ATTEMPTS,
      backoffMs: (attempts) => Math.min(60_000, 1000 * 2 ** attempts),
      send: (lease) =>
        runJob(deps, lease, hooks).catch((error: unknown): Outcome => {
          if (error instanceof LeaseLost) throw error;
          const retried = lease.attempts < MAX_ATTEMPTS;
          logger.error(
            { err: error, jobId: lease.id, attempts: lease.attempts },
            retried ? 'bulk job attempt failed; it is tried again' : 'bulk job attempt failed; no attempts left',
          );
          return { ok: false, error: ATTEMPT_FAILED_TEXT, columns: stopColumns('attempt_failed') };
        }),
      gaveUpColumns: (maxAttempts) => stopColumns('gave_up', { attempts: maxAttempts }),
    },
    batch,
  );
}

async function runJob(deps: Deps, lease: Lease, hooks: BulkJobHooks): Promise<Outcome> {
  const started = performance.now();
  let chunk = 0;
  for (;;) {
    const job = await findJobAnyOrganization(deps.db, lease.id);
    if (!job) return { ok: false, final: true, error: 'the job no longer exists' };
    // Finished before a crash took the process that finished it: only the status is missing.
    if (job.finished_at) return { ok: true, status: job.cancel_requested ? 'cancelled' : 'done' };
    if (job.cancel_requested) return finish(deps, lease, job, 'cancelled');
    const items = await pendingItems(deps.db, job.id, hooks.chunkSize ?? BULK_JOB_CHUNK);
    if (items.length === 0) return finish(deps, lease, job, 'done');
    if (performance.now() - started > CLAIM_BUDGET_MS || chunk === hooks.chunksPerClaim)
      return { ok: true, status: 'pending', columns: { attempts: 0, next_attempt_at: nowIso(deps) } };
    const kind = await effectiveKind(deps, job);
    const actor = await starterOf(deps, job, kind);
    if (!actor) {
      const columns = { finished_at: nowIso(deps), ...stopColumns('starter_cannot_continue') };
      return { ok: false, final: true, error: BULK_JOBS_ERRORS.STARTER_CANNOT_CONTINUE.message, columns };
    }
    const ctx: RequestContext & { actor: Actor } = { deps, organizationId: job.organization_id, actor, ip: null, userAgent: null, requestId: null };
    chunk++;
    await deps.db.transaction().execute(async (trx) => {
      const outcomes = await applyChunk(trx, ctx, job, kind, items);
      await markItems(trx, job.id, outcomes);
      const counts = { processed: items.length, changed: 0, skipped: 0 };
      for (const o of outcomes.values()) {
        if (o.status === 'changed') counts.changed++;
        if (o.status === 'skipped') counts.skipped++;
      }
      if (!(await advanceJob(trx, job.id, lease.claimedAt, counts))) throw new LeaseLost('another process took this job over');
      await hooks.inChunk?.(job.id, chunk);
    });
    hooks.chunkCommitted?.();
  }
}

/** What the job does; for an undo, what the undone job did. */
async function effectiveKind(deps: Deps, job: BulkJobRow): Promise<string> {
  if (job.kind !== 'undo') return job.kind;
  const original = await findJobAnyOrganization(deps.db, job.undo_of!);
  return original!.kind;
}

/** The person who started the job, as they are now: still active, still holding what the job needs. */
async function starterOf(deps: Deps, job: BulkJobRow, kind: string): Promise<Actor | null> {
  const row = await deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'users.email', 'users.name', 'users.status', 'roles.id as role_id', 'roles.name as role_name', 'roles.permissions'])
    .where('users.organization_id', '=', job.organization_id)
    .where('users.id', '=', job.started_by)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  const permissions = new Set(JSON.parse(row.permissions) as string[]);
  if (!permissions.has(PERMISSION_OF[kind])) return null;
  return {
    userId: row.id,
    organizationId: job.organization_id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    roleName: row.role_name,
    permissions,
    sessionId: `bulk-job:${job.id}`,
  };
}

/** Marks the job finished (fenced by the lease) with its closing audit event; the lease's settle writes the status. */
async function finish(deps: Deps, lease: Lease, job: BulkJobRow, status: 'done' | 'cancelled'): Promise<Outcome> {
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('bulk_jobs')
      .set({ finished_at: nowIso(deps) })
      .where('id', '=', job.id)
      .where('status', '=', 'sending')
      .where('claimed_at', '=', lease.claimedAt)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new LeaseLost('another process took this job over');
    if (status !== 'done') return;
    const ctx: RequestContext = { deps, organizationId: job.organization_id, actor: null, ip: null, userAgent: null, requestId: null };
    const actor = { userId: job.started_by, label: job.started_by_label };
    const counts = { users: job.total, changed: job.changed, skipped: job.skipped };
    if (job.kind === 'undo') {
      const original = (await findJobAnyOrganization(trx, job.undo_of!))!;
      await recordAudit(trx, ctx, {
        action: 'bulk_job.undone',
        category: 'access',
        risk: 'medium',
        subject: jobSubject(original),
        reason: job.reason,
        actor,
        after: { undoJob: job.id, restored: job.changed, skipped: job.skipped },
      });
    } else {
      await recordAudit(trx, ctx, {
        action: 'bulk_job.finished',
        category: 'access',
        risk: 'low',
        subject: jobSubject(job),
        reason: job.reason,
        actor,
        after: counts,
      });
    }
  });
  return { ok: true, status };
}
