import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Security Center (issue 14): on PostgreSQL the Subject filter reads a pg_trgm GIN index of the
 * subject label alone (`audit_events__subject_text`). The index of the four columns joined (migration
 * 0024) gives a Subject search every row holding its trigrams in any column: at 10,000,000 events
 * "person123@" had 4,956 candidates there (an actor123 with a subject person12xxx holds all of them),
 * 557 in the subject's own index, each a heap row read and tested. Bench audit: rare subject p95
 * 110 -> 30 ms, subject + risk high 148 -> 18 ms. ANALYZE gives the planner the expression's
 * statistics (without them it misjudged the index and a search took 700 ms).
 * As with 0024, on a large existing log build it first with CREATE INDEX CONCURRENTLY IF NOT EXISTS.
 * SQLite's FTS5 table already searches one column: nothing to do there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE INDEX IF NOT EXISTS audit_events__subject_text ON audit_events USING gin ((lower(subject_label)) public.gin_trgm_ops)`.execute(db);
  await sql`ANALYZE audit_events`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP INDEX IF EXISTS audit_events__subject_text`.execute(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
