import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * SAML 2.0 connections (issue 15): a connection now has a kind ('oidc' or 'saml'); a SAML
 * connection keeps its identity provider's settings (single sign-on URL, up to two signing
 * certificates for rotation, the metadata URL it came from, whether IdP-initiated sign-in is on) as
 * JSON in `saml`. Its `issuer` column holds the identity provider's entity ID. The ids of accepted
 * assertions are kept until they expire, so a replayed assertion is refused by every process.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sso_connections')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('oidc'))
    .execute();
  await db.schema.alterTable('sso_connections').addColumn('saml', 'text').execute();

  await db.schema
    .createTable('sso_saml_assertions')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('sso_connections.id').onDelete('cascade'))
    .addColumn('assertion_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_saml_assertions__pk', ['connection_id', 'assertion_id'])
    .execute();
  await db.schema.createIndex('sso_saml_assertions__expires').on('sso_saml_assertions').columns(['expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_saml_assertions').execute();
  await db.schema.alterTable('sso_connections').dropColumn('saml').execute();
  await db.schema.alterTable('sso_connections').dropColumn('kind').execute();
}
