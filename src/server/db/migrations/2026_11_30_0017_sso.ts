import { sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Enterprise single sign-on (issue 15): OIDC connections per organization, verified email domains,
 * the server-side state of sign-ins in flight (state, nonce, PKCE verifier; single use, short TTL),
 * and the organization's SSO settings ("Disable magic links when SSO is enabled" and its break-glass
 * administrators).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sso_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('preset', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    /** "gcm:<iv>:<tag>:<ciphertext>" under SSO_SECRET_KEY, or "plain:<secret>" when no key is configured. */
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('allow_multi_tenant', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of lower-case domains the Google `hd` claim must be one of. */
    .addColumn('hosted_domains', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('jit_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_tested_at', 'text')
    .addColumn('last_test_ok', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: what the last "Test connection" received and concluded. */
    .addColumn('last_test_result', 'text')
    /** The first sign-in through this connection by someone who may edit organization settings. */
    .addColumn('admin_signed_in_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_connections__org').on('sso_connections').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('sso_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('verification_token', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('connection_id', 'text', (c) => c.references('sso_connections.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_domains__org_domain').on('sso_domains').columns(['organization_id', 'domain']).unique().execute();
  // One verified domain belongs to one organization. Pending claims may coexist, so a squatter's
  // unverified claim cannot block the domain's real owner.
  await sql`CREATE UNIQUE INDEX sso_domains__verified_domain ON sso_domains (domain) WHERE verified_at IS NOT NULL`.execute(db);

  await db.schema
    .createTable('sso_login_states')
    /** SHA-256 of the `state` value: the value itself lives only in the browser's cookie and the URL. */
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('sso_connections.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('initiated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('sso_login_states__expires').on('sso_login_states').columns(['expires_at']).execute();

  await db.schema
    .createTable('sso_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('disable_magic_links', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of user ids: administrators with a passkey who may still sign in by email (then prove the passkey). */
    .addColumn('break_glass_user_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sso_settings', 'sso_login_states', 'sso_domains', 'sso_connections']) await db.schema.dropTable(table).execute();
}
