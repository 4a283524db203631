import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * A user's invitations by user: the user page reads the latest one, offboarding counts the pending
 * ones, and deleting a user sets `invitations.user_id` to null. Without it each of these read every
 * invitation of the organization (on PostgreSQL the foreign-key action scans the whole table).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('invitations__user').on('invitations').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations__user').execute();
}
