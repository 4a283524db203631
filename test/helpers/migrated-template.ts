import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/dialect.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { testSchemaName } from './pg-schemas.js';

/**
 * Every test starts from an empty, fully migrated database of its own. Running the migrations for each
 * one cost much of a test's set-up (on PostgreSQL over a second under load), so each test process
 * migrates one template and copies it: a file copy on SQLite; on PostgreSQL one script (the
 * template's schema as pg_dump prints it, plus the migrator's bookkeeping rows), and a schema whose
 * test has ended is emptied and handed to the next test instead of a new copy.
 */

let sqliteTemplate: Promise<string> | null = null;

/** A fresh SQLite file at `path`, already migrated. */
export async function migratedSqliteFile(path: string): Promise<void> {
  sqliteTemplate ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sofie-template-')), 'template.db');
    const opened = await openDatabase(`sqlite:${file}`);
    await migrateToLatest(opened.db);
    await opened.close(); // checkpoints the WAL into the file
    return file;
  })();
  copyFileSync(await sqliteTemplate, path);
}

let postgresScript: Promise<{ schema: string; script: string }> | null = null;

async function buildPostgresScript(url: string): Promise<{ schema: string; script: string }> {
  const schema = testSchemaName('tmpl');
  const opened = await openDatabase(url, { schema });
  await migrateToLatest(opened.db, schema);
  await opened.close();
  const dump = (args: string[]) =>
    promisify(execFile)('pg_dump', ['--no-owner', '--no-privileges', ...args, url], { maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout);
  const [ddl, bookkeeping] = await Promise.all([
    dump(['--schema-only', `--schema=${schema}`]),
    dump(['--data-only', '--inserts', `--table=${schema}.kysely_migration`, `--table=${schema}.kysely_migration_lock`]),
  ]);
  // psql meta-commands (\restrict in recent pg_dump releases) are not SQL.
  const script = `${ddl}\n${bookkeeping}`
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  return { schema, script };
}

async function createFromTemplate(url: string, schema: string): Promise<void> {
  postgresScript ??= buildPostgresScript(url);
  const template = await postgresScript;
  await admin(url).query(template.script.replaceAll(`"${template.schema}"`, `"${schema}"`).replaceAll(template.schema, schema));
}

let adminPool: pg.Pool | null = null;
function admin(url: string): pg.Pool {
  // One connection for these set-up statements; it lets the test process exit when idle.
  adminPool ??= new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1_000, allowExitOnIdle: true });
  return adminPool;
}

/** Schemas of this test process whose test has ended: emptied and reused by the next test. */
const freeSchemas: string[] = [];

/**
 * A migrated, empty schema for one test: a schema an earlier test of this process released, emptied
 * with one TRUNCATE (the migrations' bookkeeping kept), or a new copy of the template. Call `release`
 * when the test's app is closed.
 */
export async function takePostgresSchema(url: string): Promise<{ schema: string; release: () => void }> {
  let schema = freeSchemas.pop();
  if (schema) {
    const { rows } = await admin(url).query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = $1 AND tablename NOT LIKE 'kysely_migration%'`,
      [schema],
    );
    await admin(url).query(`TRUNCATE ${rows.map((r) => r.name).join(', ')}`);
  } else {
    schema = testSchemaName();
    await createFromTemplate(url, schema);
  }
  return { schema, release: () => void freeSchemas.push(schema) };
}
