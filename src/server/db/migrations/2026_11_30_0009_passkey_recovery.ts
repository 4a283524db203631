import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Until when a user whose role requires a passkey after a magic link may enrol a new passkey without
 * first proving an existing one: set by an administrator ("Allow passkey recovery"), audited, used once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('passkey_recovery_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('passkey_recovery_until').execute();
}
