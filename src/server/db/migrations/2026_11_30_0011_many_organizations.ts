import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Many organizations on one deployment, run by an operator:
 * - an organization is `active` or `suspended` (nobody of it signs in, its sessions and service tokens are refused);
 * - `operator_events` records what the operator did, outside any organization, so it outlives a deleted one;
 * - `sessions__org_open` lets a suspension end every open session of one organization without reading the others';
 * - `users__email` finds an address's accounts across organizations (sign-in links, the organization switcher)
 *   without reading every user: the other users indexes lead with organization_id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema.alterTable('organizations').addColumn('suspended_at', 'text').execute();
  await db.schema.createIndex('organizations__name').on('organizations').columns(['name', 'id']).execute();

  await db.schema
    .createTable('operator_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('organization_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operator_events__org').on('operator_events').columns(['organization_id', 'id']).execute();

  await db.schema.createIndex('sessions__org_open').on('sessions').columns(['organization_id', 'revoked_at']).execute();
  await db.schema.createIndex('users__email').on('users').columns(['email_normalized', 'status', 'organization_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users__email').execute();
  await db.schema.dropIndex('sessions__org_open').execute();
  await db.schema.dropTable('operator_events').execute();
  await db.schema.dropIndex('organizations__name').execute();
  await db.schema.alterTable('organizations').dropColumn('suspended_at').execute();
  await db.schema.alterTable('organizations').dropColumn('status').execute();
}
