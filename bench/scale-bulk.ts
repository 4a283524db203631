// Bulk loading for the scale bench: the product's schema, filled the way a database restore would be.
// The indexes and triggers the migrations define on `users` and `group_members` are set aside while
// the rows go in (each chunk one transaction, one prepared statement reused for every row), then
// everything they maintain is computed once, by the product's rules, and they are created again from
// their own definitions: the same database as inserting row by row, in a fraction of the time.
import SQLite from 'better-sqlite3';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/database.js';

export interface BatchWriter {
  /** Inserts the users, then the memberships (with their sort keys), in one transaction. */
  write(users: Insertable<Database['users']>[], members: Insertable<Database['group_members']>[]): Promise<void>;
  /** Computes what the set-aside triggers keep and builds the indexes again. */
  finish(): Promise<void>;
  close(): void | Promise<void>;
}

const TABLES = ['users', 'group_members'];

/**
 * What the triggers keep, for one organization, from the rows themselves: the counts per role and
 * status (user_counts), each group's member count, and the trigram index of every user's search text.
 */
function recomputeSqlite(connection: SQLite.Database, organizationId: string): void {
  connection.prepare('DELETE FROM user_counts WHERE organization_id = ?').run(organizationId);
  connection
    .prepare(
      `INSERT INTO user_counts (organization_id, role_id, status, n)
       SELECT organization_id, role_id, status, COUNT(*) FROM users WHERE organization_id = ? GROUP BY organization_id, role_id, status`,
    )
    .run(organizationId);
  connection
    .prepare('UPDATE groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_members.group_id = groups.id) WHERE organization_id = ?')
    .run(organizationId);
  // The external-content FTS5 table read again from `users`: one merged segment.
  connection.exec(`INSERT INTO users_search(users_search) VALUES ('rebuild')`);
}

/**
 * SQLite: a connection of the seeder's own with a large page cache and no fsync per transaction (a
 * bench database). Rows go in through one prepared INSERT per table whose parameter array is reused.
 */
export function sqliteBulkWriter(file: string, organizationId: string): BatchWriter {
  const connection = new SQLite(file);
  connection.pragma('synchronous = OFF');
  connection.pragma('cache_size = -1000000');
  connection.pragma('temp_store = MEMORY');
  const setAside = connection
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`,
    )
    .all(...TABLES) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  connection.transaction(() => {
    for (const item of setAside) connection.exec(`DROP ${item.type.toUpperCase()} "${item.name}"`);
  })();
  const statements = new Map<string, { statement: SQLite.Statement; columns: string[]; params: unknown[] }>();
  const insertAll = (table: string, rows: readonly object[]) => {
    if (rows.length === 0) return;
    let entry = statements.get(table);
    if (!entry) {
      const columns = Object.keys(rows[0]);
      const statement = connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      entry = { statement, columns, params: new Array<unknown>(columns.length) };
      statements.set(table, entry);
    }
    const { statement, columns, params } = entry;
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) params[c] = record[columns[c]] ?? null;
      statement.run(params);
    }
  };
  const chunk = connection.transaction((users: object[], members: object[]) => {
    insertAll('users', users);
    insertAll('group_members', members);
  });
  return {
    async write(users, members) {
      chunk(users, members);
      // Lets the event loop breathe between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async finish() {
      connection.transaction(() => {
        recomputeSqlite(connection, organizationId);
        for (const item of setAside.filter((i) => i.type === 'index')) connection.exec(item.sql);
        for (const item of setAside.filter((i) => i.type === 'trigger')) connection.exec(item.sql);
      })();
      // Fresh planner statistics, sampled as the server's own PRAGMA optimize does.
      connection.pragma('analysis_limit = 1000');
      connection.exec('ANALYZE');
      connection.pragma('wal_checkpoint(TRUNCATE)');
    },
    close() {
      connection.close();
    },
  };
}

/**
 * PostgreSQL: each chunk is one multi-row INSERT per table whose rows arrive as one array per column
 * (`INSERT ... SELECT * FROM unnest($1::text[], ...)`, COPY-like: one statement and a few parameters
 * for 50,000 rows), without waiting for the WAL flush at commit (a bench database).
 */
export async function postgresBulkWriter(db: Kysely<Database>, organizationId: string): Promise<BatchWriter> {
  const indexes = (
    await sql<{ name: string; definition: string }>`
      SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('users', 'group_members')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(db)
  ).rows;
  const triggers = (
    await sql<{ name: string; table: string; definition: string }>`
      SELECT t.tgname AS name, c.relname AS table, pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace AND c.relname IN ('users', 'group_members')`.execute(db)
  ).rows;
  const types = new Map<string, Map<string, string>>();
  for (const table of TABLES) {
    const rows = (
      await sql<{ name: string; type: string }>`
        SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db)
    ).rows;
    types.set(table, new Map(rows.map((r) => [r.name, r.type])));
  }
  await db.transaction().execute(async (trx) => {
    for (const t of triggers) await sql.raw(`DROP TRIGGER "${t.name}" ON "${t.table}"`).execute(trx);
    for (const i of indexes) await sql.raw(`DROP INDEX "${i.name}"`).execute(trx);
  });
  const insertAll = async (trx: Kysely<Database>, table: string, rows: readonly object[]) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    const arrays = columns.map((column) => rows.map((row) => (row as Record<string, unknown>)[column] ?? null));
    const unnested = sql.join(columns.map((column, c) => sql`${arrays[c]}::${sql.raw(types.get(table)!.get(column)!)}[]`));
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT * FROM unnest(${unnested})`.execute(trx);
  };
  return {
    async write(users, members) {
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await insertAll(trx, 'users', users);
        await insertAll(trx, 'group_members', members);
      });
    },
    async finish() {
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(trx);
        await sql`DELETE FROM user_counts WHERE organization_id = ${organizationId}`.execute(trx);
        await sql`INSERT INTO user_counts (organization_id, role_id, status, n)
          SELECT organization_id, role_id, status, COUNT(*) FROM users WHERE organization_id = ${organizationId} GROUP BY organization_id, role_id, status`.execute(
          trx,
        );
        await sql`UPDATE groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_members.group_id = groups.id)
          WHERE organization_id = ${organizationId}`.execute(trx);
        for (const i of indexes) await sql.raw(i.definition).execute(trx);
        for (const t of triggers) await sql.raw(t.definition).execute(trx);
      });
      await sql`VACUUM ANALYZE users, group_members`.execute(db);
    },
    close() {},
  };
}
