import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Single sign-on, the rest of OIDC (issue 15):
 * - `sso_connections.token_auth_method`: how the product authenticates at the token endpoint, with
 *   the client secret (`client_secret_basic`) or a signed client assertion (`private_key_jwt`);
 * - `sso_connections.groups_claim`: the ID token claim that lists the user's IdP groups;
 * - `sso_client_keys`: the key pair a connection signs its client assertions with (private key sealed
 *   like the client secret; the public half is published as the connection's JWKS);
 * - `sso_role_rules`: "IdP group value → role", made by an administrator whose grant ceiling it keeps;
 * - `sso_managed_memberships`: the group memberships single sign-on added (and so may remove);
 * - `sso_mapped_roles`: the role a rule last gave a user, so that leaving every mapped IdP group
 *   falls back to the default role only while the role still is the rule's;
 * - `roles.require_passkey_after_sso`: the SSO counterpart of "Require passkey after magic-link sign-in".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sso_connections')
    .addColumn('token_auth_method', 'text', (c) => c.notNull().defaultTo('client_secret_basic'))
    .execute();
  await db.schema
    .alterTable('sso_connections')
    .addColumn('groups_claim', 'text', (c) => c.notNull().defaultTo('groups'))
    .execute();

  await db.schema
    .alterTable('roles')
    .addColumn('require_passkey_after_sso', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('sso_client_keys')
    .addColumn('connection_id', 'text', (c) => c.primaryKey().references('sso_connections.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    /** The private JWK, sealed like a client secret ("gcm:..." or "plain:..."). */
    .addColumn('private_key', 'text', (c) => c.notNull())
    /** The public JWK (JSON), published at /api/sso/connections/<id>/jwks.json. */
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_role_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('sso_connections.id').onDelete('cascade'))
    .addColumn('idp_group', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_role_rules__connection_group').unique().on('sso_role_rules').columns(['connection_id', 'idp_group']).execute();

  await db.schema
    .createTable('sso_managed_memberships')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('sso_connections.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_managed_memberships__pk', ['connection_id', 'user_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('sso_mapped_roles')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('sso_connections.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_mapped_roles__pk', ['connection_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sso_mapped_roles', 'sso_managed_memberships', 'sso_role_rules', 'sso_client_keys']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('sso_connections').dropColumn('groups_claim').execute();
  await db.schema.alterTable('sso_connections').dropColumn('token_auth_method').execute();
  await db.schema.alterTable('roles').dropColumn('require_passkey_after_sso').execute();
}
