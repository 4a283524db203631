import { type Kysely } from 'kysely';

// Frozen once released: never import application code here.

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<any>): Promise<void> {
  // Tombstones: a deleted user keeps its row (audit history stays readable) until purge.
  await db.schema.alterTable('users').addColumn('deleted_at', text).execute();
  await db.schema.alterTable('users').addColumn('purge_after', text).execute();
  await db.schema.alterTable('users').addColumn('purged_at', text).execute();
  /** JSON: the personal data and memberships a restore puts back; null once purged. */
  await db.schema.alterTable('users').addColumn('tombstone', text).execute();
  await db.schema.createIndex('users__purge_due').on('users').columns(['status', 'purge_after']).execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workspaces__org_name').on('workspaces').columns(['organization_id', 'name', 'id']).execute();

  await db.schema
    .createTable('workspace_members')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('workspace_id', text, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_type', text, (c) => c.notNull())
    .addColumn('member_id', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('added_by', text)
    .addColumn('added_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_members__pk', ['workspace_id', 'member_type', 'member_id'])
    .execute();
  await db.schema.createIndex('workspace_members__member').on('workspace_members').columns(['organization_id', 'member_type', 'member_id']).execute();

  await db.schema
    .createTable('content_items')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('external_id', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    /** Null: kept for the organization (no personal owner). */
    .addColumn('owner_user_id', text)
    .addColumn('workspace_id', text)
    .addColumn('sequence_status', text)
    /** Set when a Sequence was paused because its owner was deactivated: reactivation offers to resume it. */
    .addColumn('paused_for_user_id', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_items__org_external').unique().on('content_items').columns(['organization_id', 'external_id']).execute();
  await db.schema.createIndex('content_items__owner').on('content_items').columns(['organization_id', 'owner_user_id', 'type', 'id']).execute();
  await db.schema.createIndex('content_items__paused_for').on('content_items').columns(['organization_id', 'paused_for_user_id']).execute();

  await db.schema
    .createTable('content_collaborators')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('item_id', text, (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('added_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('content_collaborators__pk', ['item_id', 'user_id'])
    .execute();
  await db.schema.createIndex('content_collaborators__user').on('content_collaborators').columns(['organization_id', 'user_id', 'item_id']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('disabled_at', text)
    .execute();
  await db.schema.createIndex('webhook_endpoints__org').on('webhook_endpoints').columns(['organization_id', 'disabled_at']).execute();

  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('endpoint_id', text, (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_id', text, (c) => c.notNull())
    .addColumn('event_type', text, (c) => c.notNull())
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('claimed_at', text)
    .addColumn('last_error', text)
    .addColumn('last_status_code', int)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('delivered_at', text)
    .execute();
  await db.schema.createIndex('webhook_outbox__due').on('webhook_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_outbox__org').on('webhook_outbox').columns(['organization_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_outbox', 'webhook_endpoints', 'content_collaborators', 'content_items', 'workspace_members', 'workspaces']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('users__purge_due').execute();
  for (const column of ['tombstone', 'purged_at', 'purge_after', 'deleted_at']) await db.schema.alterTable('users').dropColumn(column).execute();
}
