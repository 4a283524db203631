// The users list at scale, over HTTP, as a browser session sees it: the real server process (as
// `npm start` runs it) on a database seeded with BENCH_SCALE_USERS users in one organization, each
// scenario loaded by autocannon (10 connections) after checking its answer, next to a bare node:http
// server sending the same bytes (the floor this machine allows). Prints one table and the server's
// RSS. SQLite always; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. On SQLite,
// Better Auth's admin list-users serves the same people in the same run (better-auth-peer.ts), for
// the four scenarios it has. Traffic only to 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, signInWithPrintedLink, startServerProcess, type ServerProcess } from '../test/helpers/app-process.js';
import { startBetterAuth, type BetterAuthPeer } from './better-auth-peer.js';
import { withScratchPostgres } from './lib.js';
import { openSeeder, type Seeder } from './scale-seed.js';

const USERS = Number(process.env.BENCH_SCALE_USERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 10);
/** BENCH_SCALE_SEED_ONLY=1: time the seeding alone (no server load, no Better Auth). */
const SEED_ONLY = process.env.BENCH_SCALE_SEED_ONLY === '1';

interface Scenario {
  name: string;
  path: string;
  /** What a correct answer holds: checked once before the load. */
  expect: (body: { items: unknown[]; total: number; totalExact: boolean }) => boolean;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  idleMs: number;
  /** Better Auth's list-users on the same scenario, where it has one. */
  peer?: { rps: number; p99: number };
}

async function load(url: string, headers: Record<string, string>): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const result = await autocannon({ url, connections: 10, duration: SECONDS, headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function idle(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[12];
}

/** A bare node:http server answering every request with `body`: what this machine can do at most. */
async function floor(body: string): Promise<{ rps: number; p50: number; p99: number }> {
  const port = await freePort();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    return await load(`http://127.0.0.1:${port}/`, {});
  } finally {
    server.close();
  }
}

function scenarios(seed: Seeder): Scenario[] {
  const some = (b: { items: unknown[] }) => b.items.length > 0;
  return [
    { name: 'first page, by name', path: '/api/users?limit=50', expect: (b) => b.items.length === 50 && b.total === USERS + 1 && b.totalExact },
    { name: 'first page, newest first', path: '/api/users?limit=50&sort=created', expect: (b) => b.items.length === 50 && b.totalExact },
    { name: 'first page, last active', path: '/api/users?limit=50&sort=last_active', expect: (b) => b.items.length === 50 },
    { name: 'search, rare term', path: `/api/users?limit=50&search=${seed.rareTerm}`, expect: some },
    { name: 'search, 1 in 7', path: '/api/users?limit=50&search=example3.test', expect: some },
    { name: 'search, 40 %', path: '/api/users?limit=50&search=gmail', expect: some },
    { name: 'role filter (~1 %)', path: `/api/users?limit=50&roleId=${seed.rareRoleId}`, expect: some },
    { name: 'status filter (deactivated)', path: '/api/users?limit=50&status=deactivated', expect: some },
    { name: 'group of 2,000', path: `/api/users?limit=50&groupId=${seed.smallGroupId}`, expect: (b) => b.total === seed.smallGroupSize },
    { name: 'group of 70,000', path: `/api/users?limit=50&groupId=${seed.bigGroupId}`, expect: (b) => b.total === seed.bigGroupSize },
    { name: 'active in the last 7 days', path: '/api/users?limit=50&lastActive=7d', expect: () => true },
    { name: 'page half-way, by name', path: `/api/users?limit=50&cursor=${seed.halfWayCursor}`, expect: (b) => b.items.length === 50 },
    { name: 'search + status filter', path: `/api/users?limit=50&search=${seed.rareTerm}&status=active`, expect: () => true },
    { name: 'palette lookup, 1 in 7', path: '/api/users/lookup?q=example3.test', expect: () => true },
    { name: 'palette lookup, rare term', path: `/api/users/lookup?q=${seed.rareTerm}`, expect: () => true },
    { name: 'palette lookup, 2 letters', path: '/api/users/lookup?q=ka', expect: () => true },
    { name: 'user detail', path: `/api/users/${seed.someUserId}`, expect: () => true },
    // What the server costs before any list work: no database at all, then the signed-in person alone.
    { name: 'reference: /healthz', path: '/healthz', expect: () => true },
    { name: 'reference: /api/auth/me', path: '/api/auth/me', expect: () => true },
  ];
}

/** Better Auth's answers to the scenarios it has, checked, then loaded like ours. */
async function loadPeer(peer: BetterAuthPeer, rows: Row[]): Promise<void> {
  const headers = { cookie: peer.cookie };
  for (const row of rows) {
    const path = peer.scenarios[row.name];
    if (!path) continue;
    const res = await fetch(`${peer.url}${path}`, { headers });
    const body = (await res.json()) as { users?: unknown[]; total?: number };
    if (res.status !== 200 || !body.users?.length) throw new Error(`Better Auth, ${row.name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    const loaded = await load(`${peer.url}${path}`, headers);
    if (loaded.non2xx > 0) throw new Error(`Better Auth, ${row.name}: ${loaded.non2xx} answers were not 2xx under load`);
    row.peer = { rps: loaded.rps, p99: loaded.p99 };
  }
}

function printTable(label: string, rows: Row[], bare: { rps: number; p50: number; p99: number }): void {
  const withPeer = rows.some((r) => r.peer);
  console.log(`\n  ${label}, ${USERS.toLocaleString('en')} users, ${SECONDS} s per scenario, 10 connections`);
  console.log(
    `  ${'scenario'.padEnd(30)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'idle'.padStart(8)} ${'of floor'.padStart(9)}` +
      (withPeer ? ` ${'Better Auth'.padStart(12)} ${'its p99'.padStart(8)} ${'ours ×'.padStart(8)}` : ''),
  );
  for (const r of rows) {
    const peer = r.peer
      ? ` ${r.peer.rps.toFixed(1).padStart(12)} ${`${r.peer.p99}`.padStart(6)}ms ${(r.rps / Math.max(r.peer.rps, 0.01)).toFixed(1).padStart(8)}`
      : '';
    console.log(
      `  ${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(8)} ${`${r.p50}`.padStart(4)}ms ${`${r.p99}`.padStart(4)}ms ${r.idleMs.toFixed(1).padStart(6)}ms ${`${((r.rps / bare.rps) * 100).toFixed(1)} %`.padStart(9)}${peer}`,
    );
  }
  console.log(`  ${'bare node:http, same bytes'.padEnd(30)} ${bare.rps.toFixed(0).padStart(8)} ${`${bare.p50}`.padStart(4)}ms ${`${bare.p99}`.padStart(4)}ms`);
}

/** The server's resident memory, split as Linux counts it: file pages it maps (SQLite maps its database) and its own. */
function residentMemory(pid: number): { totalMb: number; fileMb: number; ownMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const [total, file] = [kb('VmRSS'), kb('RssFile')];
  return { totalMb: total / 1024, fileMb: file / 1024, ownMb: (total - file) / 1024 };
}

async function benchOne(label: string, databaseUrl: string, cleanup: () => Promise<void>, peerDir?: string): Promise<void> {
  // The server creates the organization and its administrator; the seeder adds the people to it.
  let server: ServerProcess = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });
  const cookie = await signInWithPrintedLink(server);
  await server.stop();
  const started = Date.now();
  const seed = await openSeeder(databaseUrl).then((s) => s.seed(USERS));
  console.log(`  ${label}: seeded ${USERS.toLocaleString('en')} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (SEED_ONLY) return cleanup();
  server = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }, { existingDatabase: true });
  const headers = { cookie };
  const rows: Row[] = [];
  try {
    let firstPage = '';
    for (const scenario of scenarios(seed)) {
      const res = await fetch(`${server.url}${scenario.path}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${scenario.name}: ${res.status} ${text.slice(0, 300)}`);
      if (scenario.path.startsWith('/api/users?') && !scenario.expect(JSON.parse(text) as { items: unknown[]; total: number; totalExact: boolean }))
        throw new Error(`${scenario.name}: unexpected answer ${text.slice(0, 300)}`);
      if (!firstPage) firstPage = text;
      const idleMs = await idle(`${server.url}${scenario.path}`, headers);
      const loaded = await load(`${server.url}${scenario.path}`, headers);
      if (loaded.non2xx > 0) throw new Error(`${scenario.name}: ${loaded.non2xx} answers were not 2xx under load`);
      rows.push({ name: scenario.name, rps: loaded.rps, p50: loaded.p50, p99: loaded.p99, idleMs });
    }
    const rss = residentMemory(server.pid);
    await server.stop();
    if (peerDir) {
      const peer = await startBetterAuth(peerDir, USERS);
      try {
        console.log(`  Better Auth: seeded the same people in ${peer.seedSeconds.toFixed(1)} s; ${peer.bytesPerUser.toFixed(0)} bytes per user on disk`);
        await loadPeer(peer, rows);
      } finally {
        await peer.stop();
      }
    }
    const bare = await floor(firstPage);
    printTable(label, rows, bare);
    console.log(
      `  server RSS after the load: ${rss.totalMb.toFixed(0)} MB, of which ${rss.fileMb.toFixed(0)} MB are pages of files it maps (SQLite's database file, which is the database's page cache, and Node's own binary) and ${rss.ownMb.toFixed(0)} MB its own memory`,
    );
  } finally {
    await server.stop();
    await cleanup();
  }
}

export default async function run(): Promise<void> {
  console.log(`\nScale: the users list over HTTP at ${USERS.toLocaleString('en')} users (BENCH_SCALE_USERS)`);
  const dir = mkdtempSync(join(tmpdir(), 'sofie-scale-'));
  const file = join(dir, 'scale.db');
  await benchOne(
    'sqlite',
    `sqlite:${file}`,
    async () => {
      console.log(`  ours: ${(statSync(file).size / (USERS + 1)).toFixed(0)} bytes per user on disk (SQLite file)`);
      rmSync(dir, { recursive: true, force: true });
    },
    dir,
  );
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  await withScratchPostgres(adminUrl, 'sofie_bench_scale', (databaseUrl) => benchOne('postgres', databaseUrl, async () => {}));
}
