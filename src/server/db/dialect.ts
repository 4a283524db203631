import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Kysely as K } from 'kysely';
import pg from 'pg';
import type { Database, Dialect } from './database.js';

// COUNT(*) and BIGINT arrive as strings from pg by default; every count we use fits a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

const SQLITE_MMAP_BYTES = 1024 * 1024 * 1024;

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run every query in this schema (tests give each file its own). */
  schema?: string;
  poolSize?: number;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, options);
}

function openSqlite(path: string): OpenedDatabase {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // Reads through a memory map instead of a read() per page: a page that drives many row lookups (a
  // search or a group with thousands of matches) takes a third less time (bench/users-list.ts).
  // Only the main file is mapped; the WAL is read as before.
  connection.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  // Keeps the query planner's statistics fresh (cheap; SQLite's recommended practice at open and close).
  connection.pragma('optimize=0x10002');
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      connection.pragma('optimize');
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<OpenedDatabase> {
  if (options.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path="${options.schema}",public` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
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
