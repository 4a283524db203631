import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Log streaming to a SIEM: each destination receives every audit event of its organization in signed
 * JSON batches. A batch is written to `log_stream_outbox` in the transaction that writes its events,
 * so a committed event is always streamed (at least once) and a destination that is down loses nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_stream_destinations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
  await db.schema.createIndex('log_stream_destinations__org').on('log_stream_destinations').columns(['organization_id', 'disabled_at']).execute();

  await db.schema
    .createTable('log_stream_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'text', (c) => c.notNull().references('log_stream_destinations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('log_stream_outbox__due').on('log_stream_outbox').columns(['status', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('log_stream_outbox__destination').on('log_stream_outbox').columns(['destination_id', 'status']).execute();
  // The last checkpoint sent for an organization (log-streaming.checkpoints.ts).
  await db.schema.createIndex('log_stream_outbox__checkpoint').on('log_stream_outbox').columns(['organization_id', 'kind', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('log_stream_outbox').execute();
  await db.schema.dropTable('log_stream_destinations').execute();
}
