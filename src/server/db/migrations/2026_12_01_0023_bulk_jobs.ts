import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Bulk changes that run as server-side jobs (issue 16, "Bulk work as jobs"):
 * - `bulk_jobs`: one row per job, claimed with a lease like the outboxes (status 'pending' /
 *   'sending' + claimed_at), with its progress counters, who started it and, once undone, the job
 *   that undid it;
 * - `bulk_job_items`: one row per target user, in order; a chunk marks its items done in the same
 *   transaction as the change and its audit events, with the value each user had before (for undo).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulk_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('undo_of', 'text')
    .addColumn('undone_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_by_label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('bulk_jobs__org').on('bulk_jobs').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('bulk_jobs__due').on('bulk_jobs').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('bulk_job_items')
    .addColumn('job_id', 'text', (c) => c.notNull().references('bulk_jobs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('restore_to', 'text')
    .addColumn('before_value', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addPrimaryKeyConstraint('bulk_job_items_pk', ['job_id', 'seq'])
    .execute();
  await db.schema.createIndex('bulk_job_items__status').on('bulk_job_items').columns(['job_id', 'status', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_job_items').execute();
  await db.schema.dropTable('bulk_jobs').execute();
}
