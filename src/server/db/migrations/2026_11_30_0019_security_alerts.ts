import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Security Center alerts, raised by rules as audit events are written (never by scanning the log):
 * - `security_alerts`: one row per alert, open until dismissed with a reason;
 * - `alert_counters`: how many failed sign-ins one address or one IP had in a 15-minute window;
 * - `sign_in_origins`: the devices and networks each user has signed in from, so a new one is noticed;
 * - `alert_digest_subscribers`: administrators who asked for a daily email of new alerts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('subject_label', 'text')
    .addColumn('link', 'text')
    .addColumn('event_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_user_id', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('dismissed_at', 'text')
    .addColumn('dismissed_by', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_alerts__org_status').on('security_alerts').columns(['organization_id', 'status', 'id']).execute();
  await db.schema.createIndex('security_alerts__org').on('security_alerts').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('security_alerts__digest').on('security_alerts').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('alert_counters')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_counters_pk', ['organization_id', 'rule', 'key', 'window_start'])
    .execute();
  await db.schema.createIndex('alert_counters__window').on('alert_counters').columns(['window_start']).execute();

  await db.schema
    .createTable('sign_in_origins')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_origins_pk', ['organization_id', 'user_id', 'kind', 'value'])
    .execute();

  await db.schema
    .createTable('alert_digest_subscribers')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('subscribed_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .addPrimaryKeyConstraint('alert_digest_subscribers_pk', ['organization_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_digest_subscribers').execute();
  await db.schema.dropTable('sign_in_origins').execute();
  await db.schema.dropTable('alert_counters').execute();
  await db.schema.dropTable('security_alerts').execute();
}
