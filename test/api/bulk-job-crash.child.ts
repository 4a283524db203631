/**
 * A real app process for the bulk-job crash test: opens the given database, builds the app (workers
 * off) and runs bulk-job rounds. Inside the transaction of chunk CRASH_AT_CHUNK, after its writes, it
 * prints "PAUSED chunk <n>" and waits to be killed; without it, it runs the job to the end and
 * prints "FINISHED".
 */
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { runDueBulkJobs } from '../../src/server/features/bulk-jobs/index.js';

const env = process.env;
const config = loadConfig({}, { databaseUrl: env.CRASH_DATABASE_URL!, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' });
const { deps } = await openDeps(config, env.CRASH_SCHEMA ? { schema: env.CRASH_SCHEMA } : {});
const app = await buildApp(deps, { logger: false, startWorkers: false });
const forever = () => new Promise<never>(() => undefined); // until SIGKILL
const pauseAt = Number(env.CRASH_AT_CHUNK ?? 0);

process.stdout.write('STARTING\n');
// Chunks are counted across claims: on a slow machine a claim's time budget may end after two chunks,
// and the runner's own count starts again with the next claim.
let chunk = 0;
for (let round = 0; round < 100; round++) {
  await runDueBulkJobs(deps, app.log, {
    inChunk: async () => {
      chunk++;
      process.stdout.write(`chunk ${chunk}\n`);
      if (chunk !== pauseAt) return;
      process.stdout.write(`PAUSED chunk ${chunk}\n`);
      await forever();
    },
  });
  const job = await deps.db.selectFrom('bulk_jobs').select('status').where('id', '=', env.CRASH_JOB!).executeTakeFirstOrThrow();
  if (job.status === 'done') break;
}
process.stdout.write('FINISHED\n');
process.exit(0);
