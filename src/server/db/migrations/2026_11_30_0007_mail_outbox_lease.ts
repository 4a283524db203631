import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Mail is claimed with a lease, as webhooks are: `claimed_at` records when a process took a row, and
 * a row still 'sending' after the lease is claimable again (its process died). Rows that a crash left
 * in 'sending' before this migration had no claim time; they get the oldest one, so the first
 * delivery round after the upgrade takes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('claimed_at', 'text').execute();
  await db.updateTable('mail_outbox').set({ claimed_at: '1970-01-01T00:00:00.000Z' }).where('status', '=', 'sending').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('claimed_at').execute();
}
