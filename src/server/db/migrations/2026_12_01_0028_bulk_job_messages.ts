import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * What a bulk job reports as messages the console words in its reader's language (issue 16): each
 * skipped item keeps its error's details as JSON beside its code and English, and a job that stopped
 * keeps its last error as a code and values. `error_message` and `last_error` keep the English for
 * API clients; jobs from before this migration have neither, and show their English.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_job_items').addColumn('error_details', 'text').execute();
  await db.schema.alterTable('bulk_jobs').addColumn('last_error_code', 'text').execute();
  await db.schema.alterTable('bulk_jobs').addColumn('last_error_values', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_jobs').dropColumn('last_error_values').execute();
  await db.schema.alterTable('bulk_jobs').dropColumn('last_error_code').execute();
  await db.schema.alterTable('bulk_job_items').dropColumn('error_details').execute();
}
