import { afterEach, describe, expect, it } from 'vitest';
import { BULK_JOB_CHUNK } from '../../src/server/features/bulk-jobs/index.js';
import { crashDatabase, inspect, killJobInChunk, queueJob, restartUntilDone, type CrashDatabase, type Deps } from '../helpers/bulk-job-crash.js';
import { personRow } from '../helpers/seed-users.js';
import { usePostgres } from '../helpers/test-app.js';

// More than the console's threshold for a job, and six chunks.
const USERS = 1_200;
const KILL_IN_CHUNK = 3;
let database: CrashDatabase | null = null;

afterEach(() => {
  database?.remove();
  database = null;
});

/** An organization of 1,200 members and a queued job moving them all to Viewer. */
async function prepare(db: CrashDatabase) {
  let viewer = '';
  const queued = await queueJob(db, async ({ deps, inject, cookie, organizationId }) => {
    const roles = await deps.db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', organizationId).execute();
    const roleOf = (key: string) => roles.find((r) => r.system_key === key)!.id;
    viewer = roleOf('viewer');
    const now = deps.clock().toISOString();
    const rows = Array.from({ length: USERS }, (_, i) =>
      personRow({
        id: deps.newId(),
        organizationId,
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
    const res = await inject({
      method: 'POST',
      url: '/api/bulk-jobs',
      headers: { cookie },
      payload: { action: 'assign_role', roleId: viewer, filter: { search: 'member' }, reason: 'Crash test' },
    });
    expect(res.statusCode).toBe(202);
    return res.json().id as string;
  });
  return { ...queued, viewer };
}

type Env = Awaited<ReturnType<typeof prepare>>;

async function stateOf(env: Env, deps: Deps) {
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
    database = crashDatabase('bulkcrash');
    const env = await prepare(database);
    await killJobInChunk(database, env.jobId, KILL_IN_CHUNK);

    // The chunks before the kill committed; the one in flight left nothing behind.
    const done = (KILL_IN_CHUNK - 1) * BULK_JOB_CHUNK;
    expect(await inspect(database, (deps) => stateOf(env, deps))).toEqual({
      status: 'sending',
      processed: done,
      changed: done,
      viewers: done,
      audits: done,
      pendingItems: USERS - done,
    });

    // A restarted server picks the job up on its own.
    expect(await restartUntilDone(database, env.jobId, 60_000, (deps) => stateOf(env, deps))).toEqual({
      status: 'done',
      processed: USERS,
      changed: USERS,
      viewers: USERS,
      audits: USERS,
      pendingItems: 0,
    });
  }, 120_000);
});
