import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { BulkJobItemRow, BulkJobRow, NewBulkJobRow } from './bulk-jobs.table.js';

/** Rows per INSERT of items: well inside every database's parameter limit. */
const ITEMS_PER_INSERT = 500;

export async function insertJob(trx: DbOrTrx, row: NewBulkJobRow): Promise<void> {
  await trx.insertInto('bulk_jobs').values(row).execute();
}

export interface NewItem {
  userId: string;
  restoreTo?: string | null;
  /** A CSV row's input, as JSON. */
  payload?: string;
}

export async function insertItems(trx: DbOrTrx, jobId: string, items: readonly NewItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += ITEMS_PER_INSERT) {
    await trx
      .insertInto('bulk_job_items')
      .values(
        items.slice(i, i + ITEMS_PER_INSERT).map((item, j) => ({
          job_id: jobId,
          seq: i + j,
          user_id: item.userId,
          status: 'pending',
          restore_to: item.restoreTo ?? null,
          payload: item.payload ?? null,
        })),
      )
      .execute();
  }
}

export function findJob(db: DbOrTrx, organizationId: string, id: string): Promise<BulkJobRow | undefined> {
  return db.selectFrom('bulk_jobs').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findJobAnyOrganization(db: DbOrTrx, id: string): Promise<BulkJobRow | undefined> {
  return db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first (ids are time-ordered), keyset on id. */
export function listJobs(db: DbOrTrx, organizationId: string, before: string | undefined, limit: number): Promise<BulkJobRow[]> {
  let query = db.selectFrom('bulk_jobs').selectAll().where('organization_id', '=', organizationId);
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export function pendingItems(db: DbOrTrx, jobId: string, limit: number): Promise<BulkJobItemRow[]> {
  return db.selectFrom('bulk_job_items').selectAll().where('job_id', '=', jobId).where('status', '=', 'pending').orderBy('seq').limit(limit).execute();
}

export function changedItems(db: DbOrTrx, jobId: string): Promise<Pick<BulkJobItemRow, 'user_id' | 'before_value'>[]> {
  return db
    .selectFrom('bulk_job_items')
    .select(['user_id', 'before_value'])
    .where('job_id', '=', jobId)
    .where('status', '=', 'changed')
    .orderBy('seq')
    .execute();
}

export interface ItemOutcome {
  status: 'changed' | 'unchanged' | 'skipped';
  beforeValue?: string | null;
  errorCode?: string;
  errorMessage?: string;
  /** The error's details, which the console words its message from. */
  errorDetails?: unknown;
  /** The account the item turned out to be (an invitation row's). */
  userId?: string;
}

const details = (outcome: ItemOutcome) => (outcome.errorDetails === undefined ? null : JSON.stringify(outcome.errorDetails));

/** Marks a chunk's items, one UPDATE per distinct outcome. */
export async function markItems(trx: DbOrTrx, jobId: string, outcomes: ReadonlyMap<number, ItemOutcome>): Promise<void> {
  const groups = new Map<string, { outcome: ItemOutcome; seqs: number[] }>();
  for (const [seq, outcome] of outcomes) {
    const key = JSON.stringify([
      outcome.status,
      outcome.beforeValue ?? null,
      outcome.errorCode ?? null,
      outcome.errorMessage ?? null,
      details(outcome),
      outcome.userId ?? null,
    ]);
    const group = groups.get(key) ?? { outcome, seqs: [] };
    group.seqs.push(seq);
    groups.set(key, group);
  }
  for (const { outcome, seqs } of groups.values()) {
    await trx
      .updateTable('bulk_job_items')
      .set({
        status: outcome.status,
        before_value: outcome.beforeValue ?? null,
        error_code: outcome.errorCode ?? null,
        error_message: outcome.errorMessage ?? null,
        error_details: details(outcome),
        ...(outcome.userId ? { user_id: outcome.userId } : {}),
      })
      .where('job_id', '=', jobId)
      .where('seq', 'in', seqs)
      .execute();
  }
}

/**
 * Adds a chunk's counts to the job, only while this process still holds the job's lease (fencing):
 * false when another process has taken it over, and the caller rolls its chunk back.
 */
export async function advanceJob(
  trx: DbOrTrx,
  jobId: string,
  claimedAt: string,
  counts: { processed: number; changed: number; skipped: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('bulk_jobs')
    .set({
      processed: sql`processed + ${counts.processed}`,
      changed: sql`changed + ${counts.changed}`,
      skipped: sql`skipped + ${counts.skipped}`,
    })
    .where('id', '=', jobId)
    .where('status', '=', 'sending')
    .where('claimed_at', '=', claimedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function failuresOf(db: DbOrTrx, jobId: string, organizationId: string, limit: number) {
  return db
    .selectFrom('bulk_job_items')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'bulk_job_items.user_id').on('users.organization_id', '=', organizationId))
    .select([
      'bulk_job_items.user_id',
      'users.email',
      'bulk_job_items.error_code',
      'bulk_job_items.error_message',
      'bulk_job_items.error_details',
      'bulk_job_items.payload',
    ])
    .where('bulk_job_items.job_id', '=', jobId)
    .where('bulk_job_items.status', '=', 'skipped')
    .orderBy('bulk_job_items.seq')
    .limit(limit)
    .execute();
}

/** One page of a job's items in file order, after `afterSeq`. */
export function itemsAfter(db: DbOrTrx, jobId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('bulk_job_items')
    .select(['seq', 'status', 'before_value', 'error_message', 'payload'])
    .where('job_id', '=', jobId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
