import { sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * SCIM 2.0 provisioning (issue 13). Per-organization bearer tokens, the organization's switch, and the
 * SCIM side of users and groups: the attributes the identity provider owns that the product's own
 * tables do not hold (userName, externalId, name parts, the enterprise extension), kept beside the
 * product's rows. `users.provisioned_by` names the token that created or linked an account, so the
 * Users page can mark it without reading SCIM tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scim_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('scim_tokens__org').on('scim_tokens').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('scim_users')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_normalized', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('email_type', 'text')
    /** JSON: the rest of the core User attributes as the identity provider sent them. */
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    /** JSON: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User. */
    .addColumn('enterprise', 'text')
    .addColumn('token_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** Set by a SCIM DELETE that could not delete (the user owns content): the IdP no longer sees them. */
    .addColumn('deleted_at', 'text')
    .execute();
  // The two lookups every provisioning client makes before creating someone: index seeks, never scans.
  await sql`CREATE UNIQUE INDEX scim_users__org_user_name ON scim_users (organization_id, user_name_normalized) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX scim_users__org_external_id ON scim_users (organization_id, external_id) WHERE external_id IS NOT NULL AND deleted_at IS NULL`.execute(
    db,
  );
  await db.schema.createIndex('scim_users__org_user').on('scim_users').columns(['organization_id', 'user_id']).execute();

  await db.schema
    .createTable('scim_groups')
    .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX scim_groups__org_external_id ON scim_groups (organization_id, external_id) WHERE external_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('scim_groups__org_group').on('scim_groups').columns(['organization_id', 'group_id']).execute();

  await db.schema.alterTable('users').addColumn('provisioned_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('provisioned_by').execute();
  for (const table of ['scim_groups', 'scim_users', 'scim_tokens', 'scim_settings']) await db.schema.dropTable(table).execute();
}
