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
import { propertyOptions } from '../helpers/property.js';
import { usePostgres } from '../helpers/test-app.js';

/** Kill points are drawn from the first statements of the deletion's transaction, which has more. */
const MAX_KILL_STATEMENT = 30;

// Enough for every set-based step to take several chunks (500 rows each).
const ITEMS = 1_200;
const SEATS = 300;
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
  // The plan keeps Sequences for the organization and transfers the rest: count what was seeded.
  const sequences = Number(
    (
      await opened.deps.db
        .selectFrom('content_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_user_id', '=', seeded.leaverId)
        .where('type', '=', 'sequence')
        .executeTakeFirstOrThrow()
    ).n,
  );
  await opened.close();
  cleanup = async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return { databaseUrl, schema, config, adminUserId: org.adminUserId, organizationId: org.organizationId, seeded, sequences };
}

function planBody(seeded: SeededOffboarding) {
  return {
    plan: {
      ownership: { all: { action: 'transfer', toUserId: seeded.heirIds[0] }, byType: { sequence: { action: 'keep' } } },
      collaborators: { all: { action: 'replace', toUserId: seeded.heirIds[1] } },
    },
    reason: 'Crash test',
    policyAcknowledged: true,
    confirmEmail: seeded.leaverEmail,
  };
}

/** Runs the child app; kills it with SIGKILL as soon as it prints `kill.on`. */
function runOffboardingChild(env: Record<string, string>, kill: { on?: string }) {
  return runChild('offboarding-crash.child', env, kill);
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
    owned: await count(
      db
        .selectFrom('content_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_user_id', '=', seeded.leaverId)
        .executeTakeFirstOrThrow(),
    ),
    transferred: await count(
      db
        .selectFrom('content_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_user_id', '=', seeded.heirIds[0])
        .executeTakeFirstOrThrow(),
    ),
    kept: await count(
      db
        .selectFrom('content_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('owner_user_id', 'is', null)
        .executeTakeFirstOrThrow(),
    ),
    seats: await count(
      db
        .selectFrom('content_collaborators')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', seeded.leaverId)
        .executeTakeFirstOrThrow(),
    ),
    audit: await count(
      db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'user.deleted')
        .executeTakeFirstOrThrow(),
    ),
    webhooks: await count(
      db
        .selectFrom('webhook_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', organizationId)
        .executeTakeFirstOrThrow(),
    ),
  };
  return {
    state,
    app,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

const NONE = { status: 'active', owned: ITEMS, transferred: 0, kept: 0, seats: SEATS, audit: 0, webhooks: 0 };

function expectAll(state: typeof NONE, sequences: number) {
  expect(sequences).toBeGreaterThan(0);
  expect(state).toMatchObject({ status: 'deleted', owned: 0, transferred: ITEMS - sequences, kept: sequences, seats: 0, audit: 1 });
  expect(state.webhooks).toBeGreaterThan(0);
}

function childEnv(env: Awaited<ReturnType<typeof prepare>>, kill: { step?: string; atStatement?: number }) {
  return {
    CRASH_DATABASE_URL: env.databaseUrl,
    CRASH_SCHEMA: env.schema ?? '',
    CRASH_ADMIN: env.adminUserId,
    CRASH_LEAVER: env.seeded.leaverId,
    CRASH_BODY: JSON.stringify(planBody(env.seeded)),
    CRASH_STEP: kill.step ?? '',
    CRASH_AT_STATEMENT: String(kill.atStatement ?? 0),
  };
}

/** The kill must land inside the open transaction: the child paused there and never committed. */
function expectKilledMidTransaction(run: { output: string; killed: boolean }, marker: string) {
  expect(run.killed).toBe(true);
  expect(run.output).toContain(marker);
  expect(run.output).not.toContain('COMMITTED');
}

describe(`offboarding survives a killed server (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  it('should apply all of the plan in one transaction when nothing goes wrong', async () => {
    const env = await prepare();
    const run = await runOffboardingChild(childEnv(env, {}), {});
    expect(run.killed).toBe(false);
    const statements = Number(/COMMITTED after (\d+) statements/.exec(run.output)?.[1]);
    // The kill points below must lie inside the transaction.
    expect(statements).toBeGreaterThan(MAX_KILL_STATEMENT);
    const after = await stateAfterRestart(env);
    try {
      expectAll(after.state, env.sequences);
    } finally {
      await after.close();
    }
  }, 90_000);

  for (const step of ['ownership', 'access', 'audit']) {
    it(`should leave none of the plan applied when killed after "${step}", and all of it once re-applied`, async () => {
      const env = await prepare();
      expectKilledMidTransaction(await runOffboardingChild(childEnv(env, { step }), { on: `PAUSED ${step}` }), `PAUSED ${step}`);

      const after = await stateAfterRestart(env);
      try {
        expect(after.state).toEqual(NONE);
        // The restarted app applies the same plan completely.
        const res = await after.app.inject({
          method: 'POST',
          url: `/api/users/${env.seeded.leaverId}/delete`,
          headers: { cookie: env.seeded.adminCookie },
          payload: planBody(env.seeded),
        });
        expect(res.statusCode).toBe(200);
      } finally {
        await after.close();
      }
      const final = await stateAfterRestart(env);
      try {
        expectAll(final.state, env.sequences);
      } finally {
        await final.close();
      }
    }, 90_000);
  }

  it('should leave none of the plan applied when killed after an arbitrary statement of its transaction', async () => {
    const { seed } = propertyOptions('offboarding kill points', 2);
    // Two statements chosen from the seed: replayable with FC_SEED.
    const points = [1 + (seed % MAX_KILL_STATEMENT), 1 + (Math.floor(seed / MAX_KILL_STATEMENT) % MAX_KILL_STATEMENT)];
    for (const atStatement of points) {
      const env = await prepare();
      expectKilledMidTransaction(
        await runOffboardingChild(childEnv(env, { atStatement }), { on: `PAUSED at statement ${atStatement}\n` }),
        `PAUSED at statement ${atStatement}`,
      );
      const after = await stateAfterRestart(env);
      try {
        expect(after.state, `killed after statement ${atStatement}`).toEqual(NONE);
      } finally {
        await after.close();
        await cleanup?.();
        cleanup = null;
      }
    }
  }, 180_000);
});
