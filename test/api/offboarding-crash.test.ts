import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { createOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';
import { runChild } from '../helpers/crash-child.js';
import { seedLeaver, type SeededOffboarding } from '../helpers/offboarding-seed.js';
import { testSchemaName } from '../helpers/pg-schemas.js';
import { usePostgres } from '../helpers/test-app.js';

const ITEMS = 3_000;
const SEATS = 500;
let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function prepare() {
  let databaseUrl: string;
  let schema: string | undefined;
  let dir: string | undefined;
  if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    schema = testSchemaName('crash');
  } else {
    dir = mkdtempSync(join(tmpdir(), 'sofie-crash-'));
    databaseUrl = `sqlite:${join(dir, 'crash.db')}`;
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
  const opened = await openDeps(config, { schema });
  const org = await opened.deps.db.transaction().execute((trx) => createOrganization(trx, opened.deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test' }));
  const seeded = await seedLeaver(opened.deps, org.organizationId, org.adminUserId, { items: ITEMS, seats: SEATS, webhookUrl: 'http://127.0.0.1:9/never' });
  await opened.close();
  cleanup = async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return { databaseUrl, schema, config, adminUserId: org.adminUserId, organizationId: org.organizationId, seeded };
}

function planBody(seeded: SeededOffboarding) {
  return {
    plan: { ownership: { all: { action: 'transfer', toUserId: seeded.heirIds[0] }, byType: { sequence: { action: 'keep' } } }, collaborators: { all: { action: 'replace', toUserId: seeded.heirIds[1] } } },
    reason: 'Crash test',
    policyAcknowledged: true,
    confirmEmail: seeded.leaverEmail,
  };
}

function runOffboardingChild(env: Record<string, string>, kill: { on?: string; afterMs?: number }) {
  return runChild('test/api/offboarding-crash.child.ts', env, kill);
}

/** Reopens the database as a restarted app would, and reads what the plan left behind. */
async function stateAfterRestart(env: Awaited<ReturnType<typeof prepare>>) {
  const opened = await openDeps(env.config, { schema: env.schema });
  const app = await buildApp(opened.deps, { logger: false, startWorkers: false });
  const db = opened.deps.db;
  const { seeded, organizationId } = env;
  const count = async (q: Promise<{ n: number | string }>) => Number((await q).n);
  const state = {
    status: (await db.selectFrom('users').select('status').where('id', '=', seeded.leaverId).executeTakeFirstOrThrow()).status,
    owned: await count(db.selectFrom('content_items').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_user_id', '=', seeded.leaverId).executeTakeFirstOrThrow()),
    transferred: await count(db.selectFrom('content_items').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_user_id', '=', seeded.heirIds[0]!).executeTakeFirstOrThrow()),
    kept: await count(db.selectFrom('content_items').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', organizationId).where('owner_user_id', 'is', null).executeTakeFirstOrThrow()),
    seats: await count(db.selectFrom('content_collaborators').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', seeded.leaverId).executeTakeFirstOrThrow()),
    audit: await count(db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'user.deleted').executeTakeFirstOrThrow()),
    webhooks: await count(db.selectFrom('webhook_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', organizationId).executeTakeFirstOrThrow()),
  };
  return { state, app, close: async () => { await app.close(); await opened.close(); } };
}

const NONE = { status: 'active', owned: ITEMS, transferred: 0, kept: 0, seats: SEATS, audit: 0, webhooks: 0 };
const SEQUENCES = Math.floor((ITEMS + 0) / 7) + (ITEMS % 7 > 6 ? 1 : 0);

function expectAll(state: typeof NONE) {
  expect(state).toMatchObject({ status: 'deleted', owned: 0, transferred: ITEMS - SEQUENCES, kept: SEQUENCES, seats: 0, audit: 1 });
  expect(state.webhooks).toBeGreaterThan(0);
}

describe(`offboarding survives a killed server (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  for (const step of ['ownership', 'access', 'audit']) {
    it(`should leave none of the plan applied when killed after "${step}", and all of it once re-applied`, async () => {
      const env = await prepare();
      const childEnv = { CRASH_DATABASE_URL: env.databaseUrl, CRASH_SCHEMA: env.schema ?? '', CRASH_ADMIN: env.adminUserId, CRASH_LEAVER: env.seeded.leaverId, CRASH_BODY: JSON.stringify(planBody(env.seeded)), CRASH_STEP: step };
      const run = await runOffboardingChild(childEnv, { on: `PAUSED ${step}` });
      expect(run.killed).toBe(true);
      expect(run.output).not.toContain('COMMITTED');

      const after = await stateAfterRestart(env);
      try {
        expect(after.state).toEqual(NONE);
        // The restarted app applies the same plan completely.
        const res = await after.app.inject({ method: 'POST', url: `/api/users/${env.seeded.leaverId}/delete`, headers: { cookie: env.seeded.adminCookie }, payload: planBody(env.seeded) });
        expect(res.statusCode).toBe(200);
      } finally {
        await after.close();
      }
      const final = await stateAfterRestart(env);
      try {
        expectAll(final.state);
      } finally {
        await final.close();
      }
    }, 90_000);
  }

  it('should be all or nothing when killed at an arbitrary moment', async () => {
    for (const delay of [50, 300]) {
      const env = await prepare();
      const childEnv = { CRASH_DATABASE_URL: env.databaseUrl, CRASH_SCHEMA: env.schema ?? '', CRASH_ADMIN: env.adminUserId, CRASH_LEAVER: env.seeded.leaverId, CRASH_BODY: JSON.stringify(planBody(env.seeded)), CRASH_STEP: '' };
      const run = await runOffboardingChild(childEnv, { afterMs: delay });
      const after = await stateAfterRestart(env);
      try {
        if (after.state.status === 'deleted') expectAll(after.state);
        else expect(after.state).toEqual(NONE);
        if (run.output.includes('COMMITTED')) expect(after.state.status).toBe('deleted');
      } finally {
        await after.close();
        await cleanup?.();
        cleanup = null;
      }
    }
  }, 180_000);
});
