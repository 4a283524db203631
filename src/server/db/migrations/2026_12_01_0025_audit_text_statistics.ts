import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Security Center (issue 14): the Events search asks PostgreSQL's planner how many rows a text filter
 * matches, to read the pg_trgm index first for rare words and the (organization, time) index first for
 * common ones. The estimate comes from the statistics of the text index's expression; with the default
 * target its histogram has 100 rows (one word in 100 looks like none), with 1,000 it tells a word in
 * 1,000 rows from a rare one. ANALYZE then samples 300,000 rows of audit_events instead of 30,000.
 * SQLite counts candidates in its FTS5 table instead: nothing to do there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`ALTER INDEX audit_events__text ALTER COLUMN 1 SET STATISTICS 1000`.execute(db);
  await sql`ANALYZE audit_events`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`ALTER INDEX audit_events__text ALTER COLUMN 1 SET STATISTICS -1`.execute(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
