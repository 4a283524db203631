import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * Security Center (issue 14): indexes for the Events tab's text filters (free text, Actor, Subject), so
 * a search whose words are rare answers from an index instead of reading the log from its newest end.
 *
 * - PostgreSQL: one pg_trgm GIN index over the four searchable columns, lower-cased and joined by a
 *   newline (`audit_events__text`). It serves free text (any column), Actor (actor_label) and Subject
 *   (subject_label): it finds the candidates, and the search's own per-column test keeps exactly the
 *   rows it matched before. One index instead of three: a quarter of the write cost and size.
 *   pg_trgm lives in `public` (tests run one schema per file on one database and drop their schema;
 *   the extension must outlive them). The build is not CONCURRENTLY: the migrator runs each
 *   migration in a transaction. On a large existing log, build it first with
 *   `CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events__text ...` (the README has the statement);
 *   this migration then keeps it.
 * - SQLite: an FTS5 trigram table over the same four columns, with audit_events as its external
 *   content (no second copy of the text), kept in step by triggers on every insert, update (a purge
 *   erasing personal fields) and delete (an organization purged).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Two migrations (parallel test schemas) creating the extension at once: one waits for the other.
    await sql`SELECT pg_advisory_xact_lock(hashtext('sofie:create-extension:pg_trgm'))`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS audit_events__text ON audit_events USING gin (
      (lower(action || E'\\n' || coalesce(actor_label, '') || E'\\n' || coalesce(subject_label, '') || E'\\n' || coalesce(reason, ''))) public.gin_trgm_ops)`.execute(
      db,
    );
    return;
  }
  await sql`CREATE VIRTUAL TABLE audit_events_text USING fts5(
    action, actor_label, subject_label, reason, content='audit_events', content_rowid='rowid', tokenize='trigram')`.execute(db);
  const columns = 'action, actor_label, subject_label, reason';
  const values = (row: string) => `${row}.action, ${row}.actor_label, ${row}.subject_label, ${row}.reason`;
  const add = `INSERT INTO audit_events_text(rowid, ${columns}) VALUES (new.rowid, ${values('new')});`;
  const remove = `INSERT INTO audit_events_text(audit_events_text, rowid, ${columns}) VALUES ('delete', old.rowid, ${values('old')});`;
  await sql.raw(`CREATE TRIGGER audit_events_text_insert AFTER INSERT ON audit_events BEGIN ${add} END`).execute(db);
  await sql.raw(`CREATE TRIGGER audit_events_text_delete AFTER DELETE ON audit_events BEGIN ${remove} END`).execute(db);
  await sql.raw(`CREATE TRIGGER audit_events_text_update AFTER UPDATE OF ${columns} ON audit_events BEGIN ${remove} ${add} END`).execute(db);
  await sql`INSERT INTO audit_events_text(audit_events_text) VALUES ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP INDEX IF EXISTS audit_events__text`.execute(db);
    return;
  }
  for (const trigger of ['insert', 'delete', 'update']) await sql.raw(`DROP TRIGGER audit_events_text_${trigger}`).execute(db);
  await sql`DROP TABLE audit_events_text`.execute(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
