// API fuzz, the long run: every operation in /api/openapi.json × every way of spoiling a request
// (test/helpers/api-fuzz.ts), BENCH_FUZZ_ROUNDS times with fresh random choices, on each database.
// Prints requests sent, the status histogram and any response ≥ 500 (there must be none).
// Seeded: FC_SEED replays a run. In-process requests only (light-my-request), nothing leaves the machine.
import { randomInt } from 'node:crypto';
import { createSession } from '../src/server/features/auth/auth.service.js';
import { describeResult, fuzz, histogram } from '../test/helpers/api-fuzz.js';
import { benchDatabases, openBenchEnv } from './lib.js';

const ROUNDS = Number(process.env.BENCH_FUZZ_ROUNDS ?? 25);

export default async function run(): Promise<void> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : randomInt(0, 2 ** 31 - 1);
  console.log(`\nfuzz: ${ROUNDS} rounds of every operation × every spoil, seed ${seed} (replay with FC_SEED=${seed})`);
  for (const { label, url } of benchDatabases()) {
    const env = await openBenchEnv(label, url);
    try {
      const token = await env.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: env.adminCookie }, payload: { name: 'Fuzz' } });
      const bearer = `Bearer ${token.json<{ token: string }>().token}`;
      let cookie = env.adminCookie;
      const started = Date.now();
      const results = await fuzz(env.app, {
        seed,
        rounds: ROUNDS,
        context: { anyId: env.org.adminUserId },
        headers: () => ({ cookie, authorization: bearer }),
        renew: async () => {
          const session = await createSession(env.deps.db, env.deps, { id: env.org.adminUserId, organization_id: env.org.organizationId }, 'magic_link', {
            ip: null,
            userAgent: 'bench',
          });
          cookie = `sofie_session=${session.token}`;
        },
      });
      const seconds = (Date.now() - started) / 1000;
      const failed = results.filter((r) => r.status >= 500);
      const noCode = results.filter((r) => r.status >= 400 && r.status < 500 && r.code === null);
      console.log(`  ${label}: ${results.length.toLocaleString()} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(histogram(results))}`);
      console.log(`  ${label}: ≥ 500: ${failed.length}; 4xx without an error code: ${noCode.length}`);
      for (const r of [...failed, ...noCode].slice(0, 20)) console.log(`    ${describeResult(r)}`);
    } finally {
      await env.close();
    }
  }
}
