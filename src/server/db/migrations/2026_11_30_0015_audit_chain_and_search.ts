import { sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Security Center (issue 14): a tamper-evident audit log and its search.
 *
 * - Each organization's events form a hash chain: `chain_seq` (1, 2, 3, ...), `prev_hash`, `hash`, and
 *   `personal_digest` (a digest of the personal fields, so erasing them keeps the chain verifiable;
 *   `redacted_by` names the `user.purged` event that erased them). `audit_chain_heads` holds each
 *   organization's last link; writers update it in their transaction, so its row lock orders them.
 * - Events written before this migration stay unchained: the head records how many there were
 *   (`legacy_count`), and that count is part of the chain's genesis hash.
 * - `request_id` links an event to the request (and its log lines) that made it.
 * - Search indexes: every filter the Events tab offers leads an index ending in (created_at, id), the
 *   sort order, so a filtered page is an index range scan whatever the date range.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['prev_hash', 'hash', 'personal_digest', 'redacted_by', 'request_id'])
    await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('chain_seq', 'integer').execute();
  await db.schema.createIndex('audit_events__chain').unique().on('audit_events').columns(['organization_id', 'chain_seq']).execute();

  await db.schema
    .createTable('audit_chain_heads')
    .addColumn('organization_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('legacy_count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // seq 0 and an empty hash: the first writer replaces it with the genesis link (which needs SHA-256, computed in the app).
  await sql`INSERT INTO audit_chain_heads (organization_id, seq, hash, legacy_count, updated_at)
    SELECT organization_id, 0, '', COUNT(*), MAX(created_at) FROM audit_events GROUP BY organization_id`.execute(db);

  await db.schema.dropIndex('audit_events__subject').execute();
  await db.schema.dropIndex('audit_events__actor').execute();
  const search: [string, string[]][] = [
    ['audit_events__org_created', ['organization_id', 'created_at', 'id']],
    ['audit_events__subject', ['organization_id', 'subject_id', 'created_at', 'id']],
    ['audit_events__actor', ['organization_id', 'actor_user_id', 'created_at', 'id']],
    ['audit_events__category', ['organization_id', 'category', 'created_at', 'id']],
    ['audit_events__risk', ['organization_id', 'risk', 'created_at', 'id']],
  ];
  for (const [name, columns] of search) await db.schema.createIndex(name).on('audit_events').columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'audit_events__org_created',
    'audit_events__subject',
    'audit_events__actor',
    'audit_events__category',
    'audit_events__risk',
    'audit_events__chain',
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.createIndex('audit_events__subject').on('audit_events').columns(['organization_id', 'subject_id', 'id']).execute();
  await db.schema.createIndex('audit_events__actor').on('audit_events').columns(['organization_id', 'actor_user_id', 'id']).execute();
  await db.schema.dropTable('audit_chain_heads').execute();
  for (const column of ['prev_hash', 'hash', 'personal_digest', 'redacted_by', 'request_id', 'chain_seq'])
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
}
