import { type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * SCIM, continued (issue 13):
 * - `scim_role_mappings`: "IdP group X → role Y", one role per SCIM group, made by an administrator
 *   (whose grant ceiling it keeps: `created_by`);
 * - `scim_users.mapped_role_id`: the role a mapping last gave the user, so leaving every mapped group
 *   falls back to the default role only when the role still is the mapping's (not one set since in the console);
 * - `scim_requests`: the recent provisioning requests of an organization (bounded, pruned), for debugging a sync.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scim_role_mappings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scim_role_mappings__org_group').unique().on('scim_role_mappings').columns(['organization_id', 'group_id']).execute();

  await db.schema.alterTable('scim_users').addColumn('mapped_role_id', 'text').execute();

  await db.schema
    .createTable('scim_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('token_id', 'text')
    .addColumn('token_label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    /** 'success' | 'failure' (status 400 and above), or 'warning' (done, but a guardrail refused part of it). */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  // Newest first, all or one outcome: keyset pages are index range scans.
  await db.schema.createIndex('scim_requests__org_time').on('scim_requests').columns(['organization_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('scim_requests__org_outcome_time').on('scim_requests').columns(['organization_id', 'outcome', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scim_requests').execute();
  await db.schema.alterTable('scim_users').dropColumn('mapped_role_id').execute();
  await db.schema.dropTable('scim_role_mappings').execute();
}
