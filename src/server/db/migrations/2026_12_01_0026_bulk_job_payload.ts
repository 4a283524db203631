import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * A bulk job's item can carry its own input (issue 16, "a CSV import over 1,000 rows runs as a
 * job"): for an invitation job, the CSV row (line, email, role, group, name) as JSON. The item's
 * `user_id` is '' until the row's invitation names the account it created or updated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_job_items').addColumn('payload', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_job_items').dropColumn('payload').execute();
}
