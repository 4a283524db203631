import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { createSession } from '../../src/server/features/auth/auth.service.js';
import { createOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';
import { OUTBOX_LEASE_MS } from '../../src/server/platform/outbox-lease.js';
import { runChild } from './crash-child.js';
import { testSchemaName } from './pg-schemas.js';
import { usePostgres } from './test-app.js';

// The harness of the bulk-job crash tests: a database of its own (the child process opens it too),
// a job queued through the API, a real app process killed inside one chunk's transaction, and a
// restarted app that must finish the job by itself.

export type Deps = Awaited<ReturnType<typeof openDeps>>['deps'];
type App = Awaited<ReturnType<typeof buildApp>>;

export interface CrashDatabase {
  databaseUrl: string;
  schema: string | undefined;
  config: Config;
  /** Removes the SQLite file's directory (PostgreSQL schemas are dropped by the global teardown). */
  remove: () => void;
}

export function crashDatabase(kind: string): CrashDatabase {
  let databaseUrl: string;
  let schema: string | undefined;
  let remove = () => undefined as void;
  if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    schema = testSchemaName(kind);
  } else {
    const dir = mkdtempSync(join(tmpdir(), `sofie-${kind}-`));
    databaseUrl = `sqlite:${join(dir, 'crash.db')}`;
    remove = () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
  return { databaseUrl, schema, config, remove };
}

/**
 * Opens the database with the app (workers off) and an organization whose administrator is signed
 * in; `queue` seeds what it needs and starts the job through the API, returning the job's id.
 */
export async function queueJob(
  database: CrashDatabase,
  queue: (ctx: { deps: Deps; inject: App['inject']; cookie: string; organizationId: string }) => Promise<string>,
): Promise<{ jobId: string; organizationId: string }> {
  const opened = await openDeps(database.config, { schema: database.schema });
  const { deps } = opened;
  const app = await buildApp(deps, { logger: false, startWorkers: false });
  try {
    const org = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test' }));
    const admin = await deps.db.selectFrom('users').selectAll().where('id', '=', org.adminUserId).executeTakeFirstOrThrow();
    const session = await createSession(deps.db, deps, admin, 'magic_link', { ip: '127.0.0.1', userAgent: 'vitest' });
    const jobId = await queue({ deps, inject: app.inject.bind(app), cookie: `sofie_session=${session.token}`, organizationId: org.organizationId });
    return { jobId, organizationId: org.organizationId };
  } finally {
    await app.close();
    await opened.close();
  }
}

/** Runs the job in a real app process and SIGKILLs it while chunk `chunk`'s transaction is open. */
export async function killJobInChunk(database: CrashDatabase, jobId: string, chunk: number) {
  const run = await runChild(
    'bulk-job-crash.child',
    { CRASH_DATABASE_URL: database.databaseUrl, CRASH_SCHEMA: database.schema ?? '', CRASH_JOB: jobId, CRASH_AT_CHUNK: String(chunk) },
    { on: `PAUSED chunk ${chunk}\n` },
    90_000,
  );
  expect(run.killed).toBe(true);
  expect(run.output).not.toContain('FINISHED');
}

/** Opens the database as it is now, for `look`. */
export async function inspect<T>(database: CrashDatabase, look: (deps: Deps) => Promise<T>): Promise<T> {
  const opened = await openDeps(database.config, { schema: database.schema });
  try {
    return await look(opened.deps);
  } finally {
    await opened.close();
  }
}

/**
 * Starts a new app with its workers (its clock past the dead process's lease, as after a real
 * restart), waits until the job is done by itself, and hands the database to `look`.
 */
export async function restartUntilDone<T>(database: CrashDatabase, jobId: string, timeoutMs: number, look: (deps: Deps) => Promise<T>): Promise<T> {
  const clock = () => new Date(Date.now() + OUTBOX_LEASE_MS + 60_000);
  const restarted = await openDeps(database.config, { schema: database.schema, clock });
  const app = await buildApp(restarted.deps, { logger: false, startWorkers: true });
  try {
    const status = async () => (await restarted.deps.db.selectFrom('bulk_jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status;
    await vi.waitFor(async () => expect(await status()).toBe('done'), { timeout: timeoutMs, interval: 250 });
    return await look(restarted.deps);
  } finally {
    await app.close();
    await restarted.close();
  }
}
