/**
 * Offboarding a user who owns 10,000 content items: how long the delete takes through the API
 * (dry run, then the plan applied in one transaction), with bulk and with per-item decisions.
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL or DATABASE_URL points at one.
 *   npx tsx bench/offboarding.ts   (or npm run bench offboarding; BENCH_OFFBOARDING_ITEMS to change the size)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { dropSchema } from '../src/server/db/dialect.js';
import { openDeps } from '../src/server/deps.factory.js';
import { createOrganization } from '../src/server/features/organizations/organizations.bootstrap.js';
import { seedLeaver } from '../test/helpers/offboarding-seed.js';

const ITEMS = Number(process.env.BENCH_OFFBOARDING_ITEMS ?? 10_000);
const SEATS = 2_000;

async function run(label: string, databaseUrl: string, schema?: string): Promise<void> {
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
  const opened = await openDeps(config, { schema });
  const { deps } = opened;
  const app = await buildApp(deps, { logger: false, startWorkers: false });
  try {
    for (const mode of ['bulk', 'per-item'] as const) {
      const org = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: `Bench ${mode}`, adminEmail: `admin-${mode}@acme.test` }));
      // Unique emails per org are fine: users are per organization.
      const seeded = await seedLeaver(deps, org.organizationId, org.adminUserId, { items: ITEMS, seats: SEATS, webhookUrl: 'http://127.0.0.1:9/never' });
      const owned = await deps.db
        .selectFrom('content_items')
        .select('id')
        .where('organization_id', '=', org.organizationId)
        .where('owner_user_id', '=', seeded.leaverId)
        .execute();
      const [a, b, c] = seeded.heirIds;
      const plan =
        mode === 'bulk'
          ? {
              ownership: { all: { action: 'transfer', toUserId: a }, byType: { sequence: { action: 'keep' }, template: { action: 'transfer', toUserId: b } } },
              collaborators: { all: { action: 'replace', toUserId: c } },
            }
          : {
              ownership: {
                items: owned.map((o, i) => ({
                  itemId: o.id,
                  decision: i % 3 === 0 ? { action: 'keep' } : { action: 'transfer', toUserId: i % 3 === 1 ? a : b },
                })),
              },
              collaborators: { all: { action: 'remove' } },
            };
      const body = { plan, reason: 'Benchmark', policyAcknowledged: true, confirmEmail: seeded.leaverEmail };
      const inject = (dryRun: boolean) =>
        app.inject({ method: 'POST', url: `/api/users/${seeded.leaverId}/delete`, headers: { cookie: seeded.adminCookie }, payload: { ...body, dryRun } });

      let t0 = performance.now();
      const dry = await inject(true);
      const dryMs = performance.now() - t0;
      if (dry.statusCode !== 200 || !dry.json<{ ready: boolean }>().ready) throw new Error(`dry run failed: ${dry.body.slice(0, 500)}`);
      t0 = performance.now();
      const applied = await inject(false);
      const applyMs = performance.now() - t0;
      if (applied.statusCode !== 200) throw new Error(`apply failed: ${applied.body.slice(0, 500)}`);
      const left = await deps.db.selectFrom('content_items').select('id').where('owner_user_id', '=', seeded.leaverId).execute();
      const outbox = await deps.db
        .selectFrom('webhook_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', org.organizationId)
        .executeTakeFirstOrThrow();
      if (left.length !== 0) throw new Error('items left with the leaver');
      console.log(
        `${label.padEnd(10)} ${mode.padEnd(8)} ${ITEMS} items + ${SEATS} seats: dry run ${dryMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms ` +
          `(${applyMs < 5000 ? 'under' : 'OVER'} the 5 s budget; ${Number(outbox.n)} webhook events queued)`,
      );
    }
  } finally {
    await app.close();
    await opened.close();
  }
}

/** SQLite always; PostgreSQL too when BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL points at one. */
export default async function offboardingBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sofie-bench-'));
  try {
    await run('sqlite', `sqlite:${join(dir, 'bench.db')}`);
    const pgUrl = [process.env.BENCH_DATABASE_URL, process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((u) => u?.startsWith('postgres'));
    if (pgUrl) {
      const schema = `bench_offboarding_${Date.now().toString(36)}`;
      try {
        await run('postgres', pgUrl, schema);
      } finally {
        await dropSchema(pgUrl, schema);
      }
    } else {
      console.log('postgres   skipped (set TEST_DATABASE_URL=postgres://… to include it)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await offboardingBench();
