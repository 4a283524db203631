import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Access reviews (issue 14): point-in-time snapshots of privileged access, review campaigns with one
 * item per reviewed user (the reviewer of record, the decision, what closing applied), and the
 * reminders already sent, so a reminder round is idempotent across processes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_review_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('created_by', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('dormant_days', 'integer', (c) => c.notNull())
    /** JSON: the counts shown in the list. */
    .addColumn('summary', 'text', (c) => c.notNull())
    /** JSON: the whole report, as generated (never changed afterwards). */
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_review_snapshots__org').on('access_review_snapshots').columns(['organization_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('access_review_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text')
    .addColumn('scope_label', 'text', (c) => c.notNull())
    .addColumn('reviewer_mode', 'text', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'text')
    .addColumn('reviewer_role_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revoke_unreviewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoke_role_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('access_review_campaigns__org').on('access_review_campaigns').columns(['organization_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('access_review_campaigns__status_due').on('access_review_campaigns').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('access_review_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('access_review_campaigns.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_email', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('role_name', 'text', (c) => c.notNull())
    /** JSON: what the reviewer sees to decide (permissions, last activity, usage, owned content, groups). */
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text')
    .addColumn('granted_by_label', 'text')
    .addColumn('granted_at', 'text')
    /** The assigned reviewer; null when any holder of the campaign's reviewer role may decide. */
    .addColumn('reviewer_user_id', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_label', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_message', 'text')
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema.createIndex('access_review_items__campaign').on('access_review_items').columns(['campaign_id', 'user_email', 'id']).execute();
  await db.schema.createIndex('access_review_items__reviewer').on('access_review_items').columns(['organization_id', 'reviewer_user_id']).execute();

  await db.schema
    .createTable('access_review_reminders')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('access_review_campaigns.id').onDelete('cascade'))
    .addColumn('reviewer_user_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_review_reminders__pk', ['campaign_id', 'reviewer_user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['access_review_reminders', 'access_review_items', 'access_review_campaigns', 'access_review_snapshots']) {
    await db.schema.dropTable(table).execute();
  }
}
