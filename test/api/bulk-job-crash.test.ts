import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { createSession } from '../../src/server/features/auth/auth.service.js';
import { BULK_JOB_CHUNK } from '../../src/server/features/bulk-jobs/index.js';
import { createOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';
import { OUTBOX_LEASE_MS } from '../../src/server/platform/outbox-lease.js';
import { runChild } from '../helpers/crash-child.js';
import { testSchemaName } from '../helpers/pg-schemas.js';
import { personRow } from '../helpers/seed-users.js';
import { usePostgres } from '../helpers/test-app.js';

// More than the console's threshold for a job, and six chunks.
const USERS = 1_200;
const KILL_IN_CHUNK = 3;
let cleanup: (() => void) | null = null;

afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** A database with an organization of 1,200 members and a queued job moving them all to Viewer. */
async function prepare() {
  let databaseUrl: string;
  let schema: string | undefined;
  if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    schema = testSchemaName('bulkcrash');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sofie-bulk-crash-'));
    databaseUrl = `sqlite:${join(dir, 'crash.db')}`;
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
  const opened = await openDeps(config, { schema });
  const { deps } = opened;
  const app = await buildApp(deps, { logger: false, startWorkers: false });
  const org = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test' }));
  const roles = await deps.db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', org.organizationId).execute();
  const roleOf = (key: string) => roles.find((r) => r.system_key === key)!.id;
  const now = deps.clock().toISOString();
  const rows = Array.from({ length: USERS }, (_, i) =>
    personRow({
      id: deps.newId(),
      organizationId: org.organizationId,
      email: `member${String(i).padStart(5, '0')}@acme.test`,
      name: `Member ${i}`,
      roleId: roleOf('member'),
      status: 'active',
      createdAt: now,
      lastActiveAt: null,
    }),
  );
  for (let i = 0; i < rows.length; i += 200)
    await deps.db
      .insertInto('users')
      .values(rows.slice(i, i + 200))
      .execute();
  const admin = await deps.db.selectFrom('users').selectAll().where('id', '=', org.adminUserId).executeTakeFirstOrThrow();
  const session = await createSession(deps.db, deps, admin, 'magic_link', { ip: '127.0.0.1', userAgent: 'vitest' });
  const res = await app.inject({
    method: 'POST',
    url: '/api/bulk-jobs',
    headers: { cookie: `sofie_session=${session.token}` },
    payload: { action: 'assign_role', roleId: roleOf('viewer'), filter: { search: 'member' }, reason: 'Crash test' },
  });
  expect(res.statusCode).toBe(202);
  await app.close();
  await opened.close();
  return { databaseUrl, schema, config, jobId: res.json().id as string, viewer: roleOf('viewer'), organizationId: org.organizationId };
}

type Env = Awaited<ReturnType<typeof prepare>>;

async function stateOf(env: Env, deps: Awaited<ReturnType<typeof openDeps>>['deps']) {
  const count = async (q: Promise<{ n: number | string }>) => Number((await q).n);
  const job = await deps.db.selectFrom('bulk_jobs').selectAll().where('id', '=', env.jobId).executeTakeFirstOrThrow();
  return {
    status: job.status,
    processed: job.processed,
    changed: job.changed,
    viewers: await count(
      deps.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', env.organizationId)
        .where('role_id', '=', env.viewer)
        .executeTakeFirstOrThrow(),
    ),
    audits: await count(
      deps.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', env.organizationId)
        .where('action', '=', 'user.role_changed')
        .executeTakeFirstOrThrow(),
    ),
    pendingItems: await count(
      deps.db
        .selectFrom('bulk_job_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('job_id', '=', env.jobId)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow(),
    ),
  };
}

describe(`a bulk job survives a killed server (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  it('should resume where it stopped after a restart, and apply and audit every change exactly once', async () => {
    const env = await prepare();
    const run = await runChild(
      'test/api/bulk-job-crash.child.ts',
      {
        CRASH_DATABASE_URL: env.databaseUrl,
        CRASH_SCHEMA: env.schema ?? '',
        CRASH_JOB: env.jobId,
        CRASH_AT_CHUNK: String(KILL_IN_CHUNK),
      },
      { on: `PAUSED chunk ${KILL_IN_CHUNK}\n` },
    );
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('FINISHED');

    // The chunks before the kill committed; the one in flight left nothing behind.
    const done = (KILL_IN_CHUNK - 1) * BULK_JOB_CHUNK;
    const inspect = await openDeps(env.config, { schema: env.schema });
    try {
      expect(await stateOf(env, inspect.deps)).toEqual({
        status: 'sending',
        processed: done,
        changed: done,
        viewers: done,
        audits: done,
        pendingItems: USERS - done,
      });
    } finally {
      await inspect.close();
    }

    // A restarted server (its clock past the dead process's lease) picks the job up on its own.
    const clock = () => new Date(Date.now() + OUTBOX_LEASE_MS + 60_000);
    const restarted = await openDeps(env.config, { schema: env.schema, clock });
    const app = await buildApp(restarted.deps, { logger: false, startWorkers: true });
    try {
      await vi.waitFor(async () => expect((await stateOf(env, restarted.deps)).status).toBe('done'), { timeout: 60_000, interval: 250 });
      expect(await stateOf(env, restarted.deps)).toEqual({ status: 'done', processed: USERS, changed: USERS, viewers: USERS, audits: USERS, pendingItems: 0 });
    } finally {
      await app.close();
      await restarted.close();
    }
  }, 120_000);
});
