// Several server processes behind one port (WORKERS=N, node:cluster): does a second process serve
// more? The real server (as `npm start` runs it) on BENCH_WORKERS_USERS generated users, loaded by
// autocannon (10 connections) with WORKERS=1 and then WORKERS=2, on SQLite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set, PostgreSQL. Besides req/s it prints where the
// machine's CPU went during each load (the server processes, PostgreSQL's, the load generator), since
// on a machine of few cores all three share them. Traffic only to 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signInWithPrintedLink, startServerProcess } from '../test/helpers/app-process.js';
import { withScratchPostgres } from './lib.js';
import { openSeeder, type Seeder } from './scale-seed.js';

const USERS = Number(process.env.BENCH_WORKERS_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_WORKERS_SECONDS ?? 10);

/** CPU time (ms) a process and its descendants' own stat lines say they used (user + system). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 a second).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks * 10;
}

/** The primary and the server processes it forked. */
function serverPids(primary: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there are none (one process serves)
  }
  return [
    primary,
    ...out
      .split('\n')
      .map((pid) => pid.trim())
      .filter(Boolean)
      .map(Number),
  ];
}

/** Every PostgreSQL process on this machine (its backends serve the server's statements). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Measured {
  rps: number;
  p99: number;
  /** Cores' worth of CPU during the load: the server's processes, PostgreSQL's, the load generator's. */
  cores: { server: number; postgres: number; load: number };
}

async function measure(url: string, cookie: string, primary: number, postgres: boolean): Promise<Measured> {
  await autocannon({ url, connections: 10, duration: 2, headers: { cookie } });
  const servers = serverPids(primary);
  const pgPids = postgres ? postgresPids() : [];
  const before = { server: cpuMsOf(servers), postgres: cpuMsOf(pgPids), load: ownCpuMs() };
  const started = Date.now();
  const result = await autocannon({ url, connections: 10, duration: SECONDS, headers: { cookie } });
  const wall = Date.now() - started;
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx under load`);
  const share = (now: number, then: number) => (now - then) / wall;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cores: { server: share(cpuMsOf(servers), before.server), postgres: share(cpuMsOf(pgPids), before.postgres), load: share(ownCpuMs(), before.load) },
  };
}

function scenarios(seed: Seeder): [string, string][] {
  return [
    ['first page, by name', '/api/users?limit=50'],
    ['role filter (~1 %)', `/api/users?limit=50&roleId=${seed.rareRoleId}`],
    ['user detail', `/api/users/${seed.someUserId}`],
  ];
}

const cores = (m: Measured) => `${m.cores.server.toFixed(2)} / ${m.cores.postgres.toFixed(2)} / ${m.cores.load.toFixed(2)}`;

async function benchOne(label: string, databaseUrl: string): Promise<void> {
  const first = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });
  const cookie = await signInWithPrintedLink(first);
  await first.stop();
  const started = Date.now();
  const seed = await openSeeder(databaseUrl).then((s) => s.seed(USERS));
  console.log(`  ${label}: seeded ${USERS.toLocaleString('en')} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const results = new Map<string, Measured[]>();
  for (const workers of [1, 2]) {
    const server = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', WORKERS: String(workers) }, { existingDatabase: true });
    try {
      for (const [name, path] of scenarios(seed)) {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
        results.set(name, [...(results.get(name) ?? []), await measure(`${server.url}${path}`, cookie, server.pid, label === 'postgres')]);
      }
    } finally {
      await server.stop();
    }
  }
  console.log(`\n  ${label}, ${USERS.toLocaleString('en')} users, ${SECONDS} s per scenario, 10 connections, ${availableParallelism()} cores`);
  console.log(
    `  ${'scenario'.padEnd(22)} ${'1 process'.padStart(10)} ${'2 processes'.padStart(12)} ${'2 vs 1'.padStart(7)}   cores used (server / postgres / load) with 1; with 2`,
  );
  for (const [name, [one, two]] of results) {
    const ratio = `${(two.rps / one.rps).toFixed(2)}×`;
    console.log(
      `  ${name.padEnd(22)} ${one.rps.toFixed(0).padStart(10)} ${two.rps.toFixed(0).padStart(12)} ${ratio.padStart(7)}   ${cores(one)}; ${cores(two)}`,
    );
  }
}

export default async function run(): Promise<void> {
  console.log(`\nWorkers: one server process against two behind one port (WORKERS), ${USERS.toLocaleString('en')} users (BENCH_WORKERS_USERS)`);
  const dir = mkdtempSync(join(tmpdir(), 'sofie-workers-'));
  try {
    await benchOne('sqlite', `sqlite:${join(dir, 'workers.db')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  await withScratchPostgres(adminUrl, 'sofie_bench_workers', (databaseUrl) => benchOne('postgres', databaseUrl));
}
