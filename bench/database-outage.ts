// A database failover under load: the real server process (as `npm start` runs it) serves the users
// list to 10 connections while every one of its PostgreSQL connections is terminated, twice. Prints
// how many requests failed (and how) in the second after each drop, and after it: the goal is a few
// clean 503s during a drop, 0 failures after, and a process that is still running.
// PostgreSQL only (BENCH_DATABASE_URL or TEST_DATABASE_URL); traffic only to 127.0.0.1.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { signInWithPrintedLink, startServerProcess } from '../test/helpers/app-process.js';

const SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 12);
const DROPS_AT = [3, 7];
/** A request answered within this long after a drop counts as "during" it. */
const DROP_WINDOW_MS = 1_000;

async function run(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('\nDatabase outage: skipped (needs BENCH_DATABASE_URL or TEST_DATABASE_URL: PostgreSQL)');
    return;
  }
  console.log(`\nDatabase outage: ${SECONDS} s of GET /api/users on 10 connections; every app connection terminated at ${DROPS_AT.join(' s and ')} s`);
  const database = `sofie_bench_outage_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const server = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });
  const killer = new pg.Client({ connectionString: databaseUrl });
  await killer.connect();
  try {
    const cookie = await signInWithPrintedLink(server);
    const started = Date.now();
    const drops: number[] = [];
    const outcomes: { at: number; status: number }[] = [];
    const timers = DROPS_AT.map((s) =>
      setTimeout(() => {
        drops.push(Date.now() - started);
        void killer
          .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
          .then(({ rows }) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: terminated ${rows.length} connections`));
      }, s * 1000),
    );
    let connectionErrors = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${server.url}/api/users?limit=50`, connections: 10, duration: SECONDS, headers: { cookie } },
        (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(done)),
      );
      instance.on('response', (_client, statusCode) => outcomes.push({ at: Date.now() - started, status: statusCode }));
      instance.on('reqError', () => connectionErrors++);
    });
    timers.forEach(clearTimeout);

    const during = outcomes.filter((o) => drops.some((d) => o.at >= d && o.at < d + DROP_WINDOW_MS));
    const after = outcomes.filter((o) => !during.includes(o) && o.at >= drops[0]);
    const histogram = (list: typeof outcomes) =>
      Object.entries(list.reduce<Record<number, number>>((h, o) => ({ ...h, [o.status]: (h[o.status] ?? 0) + 1 }), {}))
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
    const failed = (list: typeof outcomes) => list.filter((o) => o.status >= 400).length;
    console.log(`  requests: ${result.requests.total} (${Math.round(result.requests.average)} req/s), connection errors: ${connectionErrors}`);
    console.log(`  within ${DROP_WINDOW_MS} ms of a drop: ${during.length} answered, ${failed(during)} failed  [${histogram(during)}]`);
    console.log(`  after the drops:            ${after.length} answered, ${failed(after)} failed  [${histogram(after)}]`);
    console.log(`  server process: ${server.exited() ? `ENDED (${JSON.stringify(server.exited())})` : 'still running'}`);
  } finally {
    await killer.end();
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

export default run;
