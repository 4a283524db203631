import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * The users list by name (its default order) searched for a common term (issue 12): when the first
 * users in name order hold few matches (every "Ada …" at gmail.com, the term a company domain), the
 * search walks on in name order until it has a page. Read from the table, each step fetched a row
 * (PostgreSQL: 2.9 s to step over 50,000 users at a million); the name index now carries the status
 * and the search text, so the walk reads the index alone. PostgreSQL keeps them out of the key
 * (INCLUDE); SQLite, which has no INCLUDE, appends them to it, which orders nothing differently.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE INDEX users__org_name_search ON users (organization_id, name, id) INCLUDE (status, search_text)`.execute(db);
  } else {
    await sql`CREATE INDEX users__org_name_search ON users (organization_id, name, id, status, search_text)`.execute(db);
  }
  await db.schema.dropIndex('users__org_name').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users__org_name').on('users').columns(['organization_id', 'name', 'id']).execute();
  await db.schema.dropIndex('users__org_name_search').execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
