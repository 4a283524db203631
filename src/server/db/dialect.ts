import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, sql, type Kysely as K, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database, Dialect } from './database.js';
import { ResilientPostgresDialect } from './postgres-driver.js';
import { ReplicaReadDialect, replicaMonitor, type ReplicaHealth, type ReplicaLog } from './read-replica.js';
import { SqliteReadWriteDialect } from './sqlite-driver.js';

// COUNT(*) and BIGINT arrive as strings from pg by default; every count we use fits a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

const SQLITE_MMAP_BYTES = 1024 * 1024 * 1024;

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** Single reads that may be served by the replica (the primary's handle when there is none); transactions run on the primary. */
  readDb: Kysely<Database>;
  /** The replica's health and lag when a replica is configured. */
  replica: ReplicaHealth | null;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Every limit has a value: a database that stops answering costs a request a 503, never a hang. */
export interface DatabaseLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  acquireTimeoutMs: number;
  poolSize: number;
}

export const DEFAULT_LIMITS: DatabaseLimits = { statementTimeoutMs: 10_000, lockTimeoutMs: 3_000, acquireTimeoutMs: 3_000, poolSize: 10 };

export interface OpenOptions {
  /** PostgreSQL only: run every query in this schema (tests give each file its own). */
  schema?: string;
  limits?: Partial<DatabaseLimits>;
  /** Told about connections that fail while nobody is using them (a restart, a failover): the pool replaces them. */
  onConnectionError?: (error: Error) => void;
  /** PostgreSQL only: a streaming replica of `url` for reads, skipped while it lags more than `maxLagMs` or fails. */
  replica?: { url: string; maxLagMs: number; probeMs: number; log: ReplicaLog };
  /** Told about every statement run (tests count the statements a request costs). */
  log?: (event: LogEvent) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), limits, options.log);
  return openPostgres(url, options, limits);
}

function openSqliteConnection(file: string, limits: DatabaseLimits, readonly: boolean): SQLite.Database {
  const connection = new SQLite(file);
  if (!readonly) connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  // Another process holding the file's write lock: wait this long, then SQLITE_BUSY (a 503).
  connection.pragma(`busy_timeout = ${limits.lockTimeoutMs}`);
  // Reads through a memory map instead of a read() per page: a page that drives many row lookups (a
  // search or a group with thousands of matches) takes a third less time (bench/users-list.ts).
  // Only the main file is mapped; the WAL is read as before.
  connection.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  if (readonly) connection.pragma('query_only = ON');
  return connection;
}

function openSqlite(path: string, limits: DatabaseLimits, log: OpenOptions['log']): OpenedDatabase {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writer = openSqliteConnection(file, limits, false);
  const reader = file === ':memory:' ? null : openSqliteConnection(file, limits, true);
  const db = new Kysely<Database>({ dialect: new SqliteReadWriteDialect({ writer, reader, writerWaitMs: limits.acquireTimeoutMs }), log });
  // Keeps the query planner's statistics fresh (cheap; SQLite's recommended practice at open and close).
  writer.pragma('optimize=0x10002');
  return {
    db,
    readDb: db,
    replica: null,
    dialect: 'sqlite',
    close: async () => {
      writer.pragma('optimize');
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions, limits: DatabaseLimits): Promise<OpenedDatabase> {
  if (options.schema) {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: limits.acquireTimeoutMs });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await admin.end();
  }
  const pool = postgresPool(url, options, limits);
  const db = new Kysely<Database>({ dialect: new ResilientPostgresDialect(pool), log: options.log });
  if (!options.replica) return { db, readDb: db, replica: null, dialect: 'postgres', close: () => db.destroy() };
  // The replica's pool has the primary's limits: a replica that stops answering costs a read its
  // acquire or statement timeout once, then it is marked down and reads go to the primary.
  const replicaPool = postgresPool(options.replica.url, options, limits);
  const replica = replicaMonitor({ primary: pool, replica: replicaPool, ...options.replica });
  const readDb = new Kysely<Database>({ dialect: new ReplicaReadDialect(replicaPool, pool, replica), log: options.log });
  return {
    db,
    readDb,
    replica,
    dialect: 'postgres',
    close: async () => {
      await replica.stop();
      await readDb.destroy();
      await db.destroy();
    },
  };
}

function postgresPool(url: string, options: OpenOptions, limits: DatabaseLimits): pg.Pool {
  const settings = [
    `-c statement_timeout=${limits.statementTimeoutMs}`,
    `-c lock_timeout=${limits.lockTimeoutMs}`,
    // A transaction left open by a process that hangs must not hold its locks for ever.
    `-c idle_in_transaction_session_timeout=${Math.max(limits.statementTimeoutMs * 3, 30_000)}`,
    ...(options.schema ? [`-c search_path="${options.schema}",public`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max: limits.poolSize,
    // Waiting for a free connection, or for a new one to connect, ends after this.
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    // The server-side timeouts need a live server; this one ends a query whose server went silent.
    query_timeout: limits.statementTimeoutMs + 5_000,
    keepAlive: true,
    options: settings.join(' '),
  });
  const report = options.onConnectionError ?? (() => undefined);
  // An idle connection that dies (a restart, pg_terminate_backend, a failover) is reported here; without
  // a listener Node treats it as an uncaught error and ends the process. A connection that dies while
  // checked out (inside a transaction, between two queries) emits 'error' on the client itself, where
  // the pool does not listen: its next query fails and answers the request with a 503, so the event
  // only needs a listener.
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function dialectOf(db: K<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

export { sql };
