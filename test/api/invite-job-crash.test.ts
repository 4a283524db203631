import { afterEach, describe, expect, it } from 'vitest';
import { BULK_JOB_CHUNK } from '../../src/server/features/bulk-jobs/index.js';
import { crashDatabase, inspect, killJobInChunk, queueJob, restartUntilDone, type CrashDatabase, type Deps } from '../helpers/bulk-job-crash.js';
import { usePostgres } from '../helpers/test-app.js';

// One row more than the console sends in requests, and six chunks; each invitation is slow to write
// (audit, mail), so the kill comes in the second.
const ROWS = 1_001;
const KILL_IN_CHUNK = 2;
let database: CrashDatabase | null = null;

afterEach(() => {
  database?.remove();
  database = null;
});

/** An organization and a queued CSV import of 1,001 new addresses. */
function prepare(db: CrashDatabase) {
  return queueJob(db, async ({ inject, cookie }) => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({ line: i + 1, email: `person${String(i).padStart(5, '0')}@acme.test` }));
    const res = await inject({
      method: 'POST',
      url: '/api/bulk-jobs/invitations',
      headers: { cookie },
      payload: { rows, fileName: 'people.csv', reason: 'Crash test' },
    });
    expect(res.statusCode).toBe(202);
    return res.json().id as string;
  });
}

type Env = Awaited<ReturnType<typeof prepare>>;

async function stateOf(env: Env, deps: Deps) {
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
    database = crashDatabase('invitecrash');
    const env = await prepare(database);
    await killJobInChunk(database, env.jobId, KILL_IN_CHUNK);

    // The chunks before the kill committed; the one in flight left nothing behind.
    const done = (KILL_IN_CHUNK - 1) * BULK_JOB_CHUNK;
    expect(await inspect(database, (deps) => stateOf(env, deps))).toEqual({
      status: 'sending',
      processed: done,
      changed: done,
      invitations: done,
      audits: done,
      mails: done,
    });

    // A restarted server picks the job up on its own.
    expect(await restartUntilDone(database, env.jobId, 90_000, (deps) => stateOf(env, deps))).toEqual({
      status: 'done',
      processed: ROWS,
      changed: ROWS,
      invitations: ROWS,
      audits: ROWS,
      mails: ROWS,
    });
  }, 240_000);
});
