import { type Kysely } from 'kysely';

// Frozen once released: never import application code here.

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The WebAuthn credential id, base64url; unique across every organization. */
    .addColumn('credential_id', text, (c) => c.notNull().unique())
    /** COSE public key, base64url. */
    .addColumn('public_key', text, (c) => c.notNull())
    .addColumn('counter', int, (c) => c.notNull().defaultTo(0))
    .addColumn('transports', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('device_type', text, (c) => c.notNull())
    .addColumn('backed_up', int, (c) => c.notNull().defaultTo(0))
    .addColumn('aaguid', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .execute();
  await db.schema.createIndex('passkeys__user').on('passkeys').columns(['user_id', 'created_at']).execute();

  // Server-side WebAuthn challenges: single use, short expiry, visible to every app process.
  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('challenge', text, (c) => c.notNull().unique())
    .addColumn('purpose', text, (c) => c.notNull())
    .addColumn('organization_id', text)
    .addColumn('user_id', text)
    .addColumn('session_id', text)
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webauthn_challenges__expiry').on('webauthn_challenges').column('expires_at').execute();

  await db.schema.alterTable('sessions').addColumn('passkey_verified_at', text).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('passkey_verified_at').execute();
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
