// Bulk loading for the scale bench: the product's schema, filled the way a database restore would be.
// The indexes the migrations define on `users` and `group_members` are set aside (their definitions
// read back from the database, so they cannot drift from the migrations) and the triggers do not run
// (SQLite: dropped and created again from their stored text; PostgreSQL: session_replication_role).
// The rows go in through INSERT ... SELECT statements that generate them in SQL (scale-people-sql.ts),
// then what the triggers maintain is computed once, set-based, by the same rules, and the indexes are
// built again: the same database as inserting row by row, in a fraction of the time.
// maintainedCountErrors checks the kept counts against a recount.
import SQLite from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../src/server/db/database.js';

/** Wall-clock seconds per phase of a seeding, in the order they ran. */
export class Phases {
  readonly seconds = new Map<string, number>();

  /** This process's CPU seconds per phase: on SQLite the work itself, a measure a loaded machine does not inflate. */
  readonly cpuSeconds = new Map<string, number>();

  async time<T>(name: string, work: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await work();
    } finally {
      const used = process.cpuUsage(cpu);
      this.seconds.set(name, (this.seconds.get(name) ?? 0) + (performance.now() - started) / 1000);
      this.cpuSeconds.set(name, (this.cpuSeconds.get(name) ?? 0) + (used.user + used.system) / 1e6);
    }
  }

  toString(): string {
    return [...this.seconds].map(([name, s]) => `${name} ${s.toFixed(1)} s (cpu ${this.cpuSeconds.get(name)!.toFixed(1)})`).join(', ');
  }
}

export interface BulkLoader {
  /** Runs the statements (INSERT ... SELECT) with the indexes and triggers set aside; side by side where the database can. */
  insert(statements: RawBuilder<unknown>[]): Promise<void>;
  /** Computes what the set-aside triggers keep, creates the indexes and triggers again, refreshes the planner's statistics. */
  finish(): Promise<void>;
  close(): void;
}

const TABLES = ['users', 'group_members'] as const;

/** The organization's maintained counts computed from the rows: users per role × status, members per group. */
const recountUsers = (organizationId: string) =>
  sql`INSERT INTO user_counts (organization_id, role_id, status, n)
    SELECT organization_id, role_id, status, COUNT(*) FROM users WHERE organization_id = ${organizationId} GROUP BY organization_id, role_id, status`;
const recountMembers = (organizationId: string) =>
  sql`UPDATE groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_members.group_id = groups.id) WHERE organization_id = ${organizationId}`;

/**
 * SQLite: a connection of the loader's own with a large page cache and no fsync (a bench database);
 * statements are built with Kysely (`db` compiles them) and run on it, all of a batch in one transaction.
 */
export function sqliteBulkLoader(file: string, db: Kysely<Database>, organizationId: string, phases: Phases): BulkLoader {
  const connection = new SQLite(file);
  connection.pragma('synchronous = OFF');
  connection.pragma('cache_size = -2000000');
  connection.pragma('temp_store = MEMORY');
  connection.pragma('analysis_limit = 1000');
  const setAside = connection
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`,
    )
    .all(...TABLES) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  connection.transaction(() => {
    for (const item of setAside) connection.exec(`DROP ${item.type.toUpperCase()} "${item.name}"`);
  })();
  const run = (statement: RawBuilder<unknown>) => {
    const compiled = statement.compile(db);
    connection.prepare(compiled.sql).run(...compiled.parameters);
  };
  return {
    async insert(statements) {
      connection.transaction(() => statements.forEach(run))();
      // Statistics of the rows just loaded: planned with a small database's, the next statement would
      // scan every user for each row it joins (a million times a million).
      connection.exec('ANALYZE');
    },
    async finish() {
      connection.exec('BEGIN');
      await phases.time('counts', () => {
        run(sql`DELETE FROM user_counts WHERE organization_id = ${organizationId}`);
        run(recountUsers(organizationId));
        run(recountMembers(organizationId));
      });
      await phases.time('indexes', () => setAside.filter((i) => i.type === 'index').forEach((i) => connection.exec(i.sql)));
      // The external-content FTS5 table read again from `users`: what its triggers would have written.
      await phases.time('search index', () => connection.exec(`INSERT INTO users_search(users_search) VALUES ('rebuild')`));
      for (const item of setAside.filter((i) => i.type === 'trigger')) connection.exec(item.sql);
      await phases.time('commit', () => connection.exec('COMMIT'));
      await phases.time('statistics', () => {
        // Sampled as the server's own PRAGMA optimize does (analysis_limit).
        connection.exec('ANALYZE');
        connection.pragma('wal_checkpoint(TRUNCATE)');
      });
    },
    close() {
      connection.close();
    },
  };
}

/** Runs `work` on one pooled connection with no statement timeout and room for sorting. */
function longRunning(db: Kysely<Database>, work: (connection: Kysely<Database>) => Promise<void>): Promise<void> {
  return db.connection().execute(async (connection) => {
    await sql`SET statement_timeout = 0`.execute(connection);
    await sql`SET maintenance_work_mem = '512MB'`.execute(connection);
    try {
      await work(connection);
    } finally {
      await sql`RESET statement_timeout`.execute(connection);
      await sql`RESET maintenance_work_mem`.execute(connection);
    }
  });
}

/** The indexes the migrations define on the tables (not those of primary keys or unique constraints), dropped. */
async function postgresDropIndexes(db: Kysely<Database>): Promise<{ name: string; definition: string }[]> {
  const indexes = (
    await sql<{ name: string; definition: string }>`
      SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('users', 'group_members')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(db)
  ).rows;
  await db.transaction().execute(async (trx) => {
    for (const i of indexes) await sql.raw(`DROP INDEX "${i.name}"`).execute(trx);
  });
  return indexes;
}

/** Rows whose foreign keys point nowhere (the load ran with the checks off): 0 when the load is sound. */
async function orphanRows(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT (SELECT COUNT(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = u.organization_id)
              OR NOT EXISTS (SELECT 1 FROM roles r WHERE r.id = u.role_id))
         + (SELECT COUNT(*) FROM group_members m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)
              OR NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = m.group_id)) AS n`.execute(db);
  return Number(rows[0].n);
}

/**
 * PostgreSQL: the statements of a batch run side by side on connections of their own (2 cores: two
 * INSERT ... SELECT at once), each its own transaction without waiting for the WAL flush (a bench
 * database) and with triggers off (session_replication_role = replica, as pg_dump --disable-triggers
 * loads: the maintained counts, the sort-key copies and the foreign-key checks, each of which would
 * run once per row); the foreign keys are checked afterwards in one statement. The trigram GIN index
 * builds on one connection while the B-trees build on another.
 */
export async function postgresBulkLoader(db: Kysely<Database>, organizationId: string, phases: Phases): Promise<BulkLoader> {
  const indexes = await postgresDropIndexes(db);
  const inTransaction = (statement: RawBuilder<unknown>) =>
    db.transaction().execute(async (trx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      await sql`SET LOCAL statement_timeout = 0`.execute(trx);
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await statement.execute(trx);
    });
  return {
    async insert(statements) {
      await Promise.all(statements.map(inTransaction));
    },
    async finish() {
      const orphans = await phases.time('foreign keys', () => orphanRows(db));
      if (orphans > 0) throw new Error(`${orphans} seeded rows have a foreign key that points nowhere`);
      await phases.time('counts', () =>
        db.transaction().execute(async (trx) => {
          await sql`DELETE FROM user_counts WHERE organization_id = ${organizationId}`.execute(trx);
          await recountUsers(organizationId).execute(trx);
          await recountMembers(organizationId).execute(trx);
        }),
      );
      const gin = indexes.filter((i) => /USING gin/i.test(i.definition));
      const btrees = indexes.filter((i) => !gin.includes(i));
      const build = (list: typeof indexes) =>
        longRunning(db, async (connection) => {
          for (const i of list) await sql.raw(i.definition).execute(connection);
        });
      await phases.time('indexes', () => Promise.all([build(gin), build(btrees)]));
      // Hint bits and the visibility map (index-only scans) now rather than under the first load.
      await phases.time('statistics', () =>
        longRunning(db, async (connection) => {
          await sql`VACUUM ANALYZE users, group_members`.execute(connection);
        }),
      );
    },
    close() {},
  };
}

/**
 * What the maintained counts say and a recount disagree on, for one organization: empty when exact.
 * Each entry reads `<what>: kept <n>, recounted <m>`.
 */
export async function maintainedCountErrors(db: Kysely<Database>, organizationId: string): Promise<string[]> {
  const users = (
    await sql<{ role_id: string; status: string; kept: number | null; recounted: number | null }>`
      SELECT COALESCE(k.role_id, r.role_id) AS role_id, COALESCE(k.status, r.status) AS status, k.n AS kept, r.n AS recounted
      FROM (SELECT role_id, status, n FROM user_counts WHERE organization_id = ${organizationId} AND n <> 0) k
      FULL JOIN (SELECT role_id, status, COUNT(*) AS n FROM users WHERE organization_id = ${organizationId} GROUP BY role_id, status) r
        ON r.role_id = k.role_id AND r.status = k.status`.execute(db)
  ).rows;
  const groups = (
    await sql<{ id: string; kept: number; recounted: number }>`
      SELECT id, member_count AS kept, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = groups.id) AS recounted
      FROM groups WHERE organization_id = ${organizationId}`.execute(db)
  ).rows;
  return [
    ...users
      .filter((u) => Number(u.kept ?? 0) !== Number(u.recounted ?? 0))
      .map((u) => `users with role ${u.role_id}, ${u.status}: kept ${u.kept ?? 0}, recounted ${u.recounted ?? 0}`),
    ...groups.filter((g) => Number(g.kept) !== Number(g.recounted)).map((g) => `members of group ${g.id}: kept ${g.kept}, recounted ${g.recounted}`),
  ];
}
