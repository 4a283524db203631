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
import { usePostgres } from '../helpers/test-app.js';

// One row more than the console sends in requests, and six chunks.
const ROWS = 1_001;
const KILL_IN_CHUNK = 3;
let cleanup: (() => void) | null = null;

afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** A database with an organization and a queued CSV import of 1,001 new addresses. */
async function prepare() {
  let databaseUrl: string;
  let schema: string | undefined;
  if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    schema = testSchemaName('invitecrash');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sofie-invite-crash-'));
    databaseUrl = `sqlite:${join(dir, 'crash.db')}`;
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
  const opened = await openDeps(config, { schema });
  const { deps } = opened;
  const app = await buildApp(deps, { logger: false, startWorkers: false });
  const org = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test' }));
  const admin = await deps.db.selectFrom('users').selectAll().where('id', '=', org.adminUserId).executeTakeFirstOrThrow();
  const session = await createSession(deps.db, deps, admin, 'magic_link', { ip: '127.0.0.1', userAgent: 'vitest' });
  const rows = Array.from({ length: ROWS }, (_, i) => ({ line: i + 1, email: `person${String(i).padStart(5, '0')}@acme.test` }));
  const res = await app.inject({
    method: 'POST',
    url: '/api/bulk-jobs/invitations',
    headers: { cookie: `sofie_session=${session.token}` },
    payload: { rows, fileName: 'people.csv', reason: 'Crash test' },
  });
  expect(res.statusCode).toBe(202);
  await app.close();
  await opened.close();
  return { databaseUrl, schema, config, jobId: res.json().id as string, organizationId: org.organizationId };
}

type Env = Awaited<ReturnType<typeof prepare>>;

async function stateOf(env: Env, deps: Awaited<ReturnType<typeof openDeps>>['deps']) {
  const job = await deps.db.selectFrom('bulk_jobs').selectAll().where('id', '=', env.jobId).executeTakeFirstOrThrow();
  const count = async (table: 'invitations' | 'audit_events' | 'mail_outbox', column: 'organization_id', extra?: [string, string]) => {
    let query = deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', env.organizationId);
    if (extra) query = query.where(extra[0] as never, '=', extra[1] as never);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  return {
    status: job.status,
    processed: job.processed,
    changed: job.changed,
    invitations: await count('invitations', 'organization_id'),
    audits: await count('audit_events', 'organization_id', ['action', 'invitation.sent']),
    mails: await count('mail_outbox', 'organization_id'),
  };
}

describe(`a CSV import job survives a killed server (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  it('should resume where it stopped after a restart, and invite, mail and audit every row exactly once', async () => {
    const env = await prepare();
    const run = await runChild(
      'test/api/bulk-job-crash.child.ts',
      { CRASH_DATABASE_URL: env.databaseUrl, CRASH_SCHEMA: env.schema ?? '', CRASH_JOB: env.jobId, CRASH_AT_CHUNK: String(KILL_IN_CHUNK) },
      { on: `PAUSED chunk ${KILL_IN_CHUNK}\n` },
    );
    expect(run.killed).toBe(true);

    // The chunks before the kill committed; the one in flight left nothing behind.
    const done = (KILL_IN_CHUNK - 1) * BULK_JOB_CHUNK;
    const inspect = await openDeps(env.config, { schema: env.schema });
    try {
      expect(await stateOf(env, inspect.deps)).toEqual({ status: 'sending', processed: done, changed: done, invitations: done, audits: done, mails: done });
    } finally {
      await inspect.close();
    }

    // A restarted server (its clock past the dead process's lease) picks the job up on its own.
    const clock = () => new Date(Date.now() + OUTBOX_LEASE_MS + 60_000);
    const restarted = await openDeps(env.config, { schema: env.schema, clock });
    const app = await buildApp(restarted.deps, { logger: false, startWorkers: true });
    try {
      await vi.waitFor(async () => expect((await stateOf(env, restarted.deps)).status).toBe('done'), { timeout: 90_000, interval: 250 });
      expect(await stateOf(env, restarted.deps)).toEqual({ status: 'done', processed: ROWS, changed: ROWS, invitations: ROWS, audits: ROWS, mails: ROWS });
    } finally {
      await app.close();
      await restarted.close();
    }
  }, 150_000);
});
