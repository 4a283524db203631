import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * An alert's title as a message the console words in its reader's language (issue 16): a code such
 * as `failed_sign_ins.ip` and the values its sentence needs, as JSON. `title` keeps the English for
 * API clients and digests. Alerts raised before this migration have neither, and show their English.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('security_alerts').addColumn('title_code', 'text').execute();
  await db.schema.alterTable('security_alerts').addColumn('title_values', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('security_alerts').dropColumn('title_values').execute();
  await db.schema.alterTable('security_alerts').dropColumn('title_code').execute();
}
