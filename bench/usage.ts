/**
 * Usage benchmark (SQLite, 127.0.0.1 only, bounded in time).
 *
 *  1. Ingestion through the HTTP API: a real server in a child process, batches of 1,000 events
 *     POSTed with a service token by a client loop (4 in flight). Prints events/s and batch latency.
 *  2. Query latency at scale: generates USAGE_BENCH_EVENTS raw events (default 10,000,000) for one
 *     organization with bulk inserts inside transactions, plus the rollups those events imply, then
 *     times the user trend (30/90 days), the activity feed, the users list and the overview.
 *
 *   npx tsx bench/usage.ts            (USAGE_BENCH_EVENTS=1000000 for a quicker run)
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { USAGE_EVENT_TYPES } from '../src/contracts/usage.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDeps } from '../src/server/deps.factory.js';
import { createSession } from '../src/server/features/auth/auth.service.js';
import { createOrganization } from '../src/server/features/organizations/organizations.bootstrap.js';
import { monthStart, weekStart } from '../src/server/features/usage/usage.dates.js';
import { getUsageOverview } from '../src/server/features/usage/usage.overview.js';
import { getUserActivity, getUserUsageTrend } from '../src/server/features/usage/usage.user-activity.js';
import { personRow } from '../test/helpers/seed-users.js';
import { listUsers } from '../src/server/features/users/users.list.js';
import type { RequestContext } from '../src/server/platform/deps.js';
import { hashToken } from '../src/server/platform/tokens.js';

const DAY = 86_400_000;
const TOKEN = 'sst_bench_usage_token_0123456789';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function setupOrg(databaseUrl: string, users: number) {
  const config = loadConfig({}, { databaseUrl, logLevel: 'silent' });
  const opened = await openDeps(config);
  const { deps } = opened;
  const org = await deps.db
    .transaction()
    .execute((trx) => createOrganization(trx, deps, { name: 'Bench Corp', adminEmail: 'admin@bench.test', adminName: 'Bench Admin' }));
  const now = new Date().toISOString();
  const ids: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < users; i += 500) {
      const rows = [];
      for (let j = i; j < Math.min(users, i + 500); j++) {
        const id = deps.newId();
        ids.push(id);
        const email = `user${j}@bench.test`;
        rows.push(
          personRow({
            id,
            organizationId: org.organizationId,
            email,
            name: `User ${j}`,
            roleId: org.roleIds.get('member')!,
            status: 'active',
            createdAt: now,
            lastActiveAt: null,
          }),
        );
      }
      await trx.insertInto('users').values(rows).execute();
    }
    // Everyone is in three groups, as in a real organization: each move of last_active_at also
    // moves the sort key its memberships carry (migration 0006).
    const groupIds = Array.from({ length: 61 }, () => deps.newId());
    await trx
      .insertInto('groups')
      .values(
        groupIds.map((id, g) => ({
          id,
          organization_id: org.organizationId,
          name: `Group ${g}`,
          name_normalized: `group ${g}`,
          description: '',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    for (let i = 0; i < ids.length; i += 500) {
      const members = ids.slice(i, i + 500).flatMap((user_id, k) =>
        [0, 1 + ((i + k) % 10), 11 + ((i + k) % 50)].map((g) => ({
          organization_id: org.organizationId,
          group_id: groupIds[g],
          user_id,
          added_by: null,
          added_at: now,
        })),
      );
      await trx.insertInto('group_members').values(members).execute();
    }
    await trx
      .insertInto('service_tokens')
      .values({
        id: deps.newId(),
        organization_id: org.organizationId,
        name: 'bench',
        token_hash: hashToken(TOKEN),
        created_by: null,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  });
  return { opened, org, userIds: ids };
}

async function ingestionBench(dir: string): Promise<void> {
  const databaseUrl = `sqlite:${join(dir, 'ingest.db')}`;
  const { opened, userIds } = await setupOrg(databaseUrl, 5000);
  await opened.close();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', databaseUrl, String(port)], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  try {
    const BATCH = 1000;
    const BATCHES = Number(process.env.USAGE_BENCH_BATCHES ?? 200);
    // Live traffic (services post events as they happen: the last 10 minutes) or, with
    // USAGE_BENCH_BACKFILL=1, a backfill spread over 30 days (every rollup write lands on a cold page).
    const backfill = process.env.USAGE_BENCH_BACKFILL === '1';
    const SPREAD_MS = backfill ? 30 * DAY : 10 * 60_000;
    const now = Date.now();
    let seq = 0;
    const bodies: string[] = [];
    for (let b = 0; b < BATCHES + 5; b++) {
      const events = [];
      for (let i = 0; i < BATCH; i++) {
        events.push({
          id: `evt-${seq++}`,
          userId: userIds[Math.floor(Math.random() * userIds.length)],
          type: USAGE_EVENT_TYPES[Math.floor(Math.random() * USAGE_EVENT_TYPES.length)],
          occurredAt: new Date(now - Math.floor(Math.random() * SPREAD_MS)).toISOString(),
          workspaceId: Math.random() < 0.5 ? `ws-${Math.floor(Math.random() * 200)}` : undefined,
          quantity: Math.floor(Math.random() * 2000),
        });
      }
      bodies.push(JSON.stringify({ events }));
    }
    const url = `http://127.0.0.1:${port}/api/usage/events`;
    const send = async (body: string) => {
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
      const json = (await res.json()) as { accepted: number; rejected: unknown[] };
      if (res.status !== 200 || json.accepted !== BATCH) throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return performance.now() - started;
    };
    for (const body of bodies.slice(0, 5)) await send(body); // warm-up
    const serverCpu = () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
        child.send('cpu');
      });
    const cpuBefore = await serverCpu();
    const queue = bodies.slice(5);
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let body = queue.shift(); body; body = queue.shift()) latencies.push(await send(body));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = ((await serverCpu()) - cpuBefore) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `ingestion over HTTP (${backfill ? 'backfill over 30 days' : 'live: events of the last 10 minutes'}), ${userIds.length} users: ${BATCHES} batches x ${BATCH} events in ${seconds.toFixed(2)} s = ${Math.round((BATCHES * BATCH) / seconds).toLocaleString('en')} events/s`,
    );
    console.log(
      `  server CPU: ${cpuSeconds.toFixed(1)} s for ${BATCHES * BATCH} events = ${Math.round((BATCHES * BATCH) / cpuSeconds).toLocaleString('en')} events per CPU-second (what one free core sustains)`,
    );
    console.log(`  batch latency p50 ${ms(pct(latencies, 50))}  p95 ${ms(pct(latencies, 95))}  p99 ${ms(pct(latencies, 99))}`);
    // Re-sending is a no-op: measure the duplicate path too.
    const dupStarted = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: bodies[10] });
    const dup = (await res.json()) as { duplicates: number };
    console.log(`  re-sent batch: ${dup.duplicates} duplicates in ${ms(performance.now() - dupStarted)}`);
  } finally {
    child.kill('SIGTERM');
  }
}

async function scaleBench(dir: string): Promise<void> {
  const EVENTS = Number(process.env.USAGE_BENCH_EVENTS ?? 10_000_000);
  const USERS = Number(process.env.USAGE_BENCH_USERS ?? 10_000);
  const file = join(dir, 'scale.db');
  const databaseUrl = `sqlite:${file}`;
  const { opened, org, userIds } = await setupOrg(databaseUrl, USERS);
  await opened.close();
  const orgId = org.organizationId;

  const started = performance.now();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  // Bulk load: build the secondary indexes once at the end instead of row by row.
  db.exec('DROP INDEX usage_events__user_time; DROP INDEX usage_events__org_time;');
  const insertEvent = db.prepare(
    'INSERT INTO usage_events (organization_id, id, user_id, type, occurred_at, workspace_id, item_id, quantity, received_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
  );
  const insertDaily = db.prepare('INSERT INTO usage_daily (organization_id, user_id, day, type, events, quantity) VALUES (?, ?, ?, ?, ?, ?)');
  const insertActive = db.prepare('INSERT INTO usage_active (organization_id, period, period_start, user_id) VALUES (?, ?, ?, ?)');
  const now = Date.now();
  const receivedAt = new Date(now).toISOString();
  const perUser = Math.floor(EVENTS / USERS);
  const orgDaily = new Map<string, [number, number]>();
  const orgActive = new Map<string, number>();
  const lastActive = new Map<string, string>();
  let written = 0;
  const writeUsers = db.transaction((from: number, to: number) => {
    for (let u = from; u < to; u++) {
      const userId = userIds[u];
      const count = u === USERS - 1 ? EVENTS - perUser * (USERS - 1) : perUser;
      const daily = new Map<string, [number, number]>();
      const periods = new Set<string>();
      let newest = '';
      for (let i = 0; i < count; i++) {
        // Skewed towards recent days, within the 90-day retention window.
        const age = Math.floor(Math.random() ** 1.5 * 89 * DAY + Math.random() * DAY);
        const occurredAt = new Date(now - age).toISOString();
        const type = USAGE_EVENT_TYPES[Math.floor(Math.random() * USAGE_EVENT_TYPES.length)];
        const quantity = type === 'chat_message' ? Math.floor(Math.random() * 2000) : 1;
        insertEvent.run(orgId, `${String(u).padStart(6, '0')}-${i}`, userId, type, occurredAt, `ws-${u % 300}`, quantity, receivedAt);
        const day = occurredAt.slice(0, 10);
        const k = `${day}|${type}`;
        const d = daily.get(k) ?? [0, 0];
        d[0]++;
        d[1] += quantity;
        daily.set(k, d);
        const o = orgDaily.get(k) ?? [0, 0];
        o[0]++;
        o[1] += quantity;
        orgDaily.set(k, o);
        periods
          .add(`day|${day}`)
          .add(`week|${weekStart(day)}`)
          .add(`month|${monthStart(day)}`);
        if (occurredAt > newest) newest = occurredAt;
      }
      for (const [k, [events, quantity]] of daily) {
        const [day, type] = k.split('|');
        insertDaily.run(orgId, userId, day, type, events, quantity);
      }
      for (const p of periods) {
        const [period, start] = p.split('|');
        insertActive.run(orgId, period, start, userId);
        orgActive.set(p, (orgActive.get(p) ?? 0) + 1);
      }
      if (newest) lastActive.set(userId, newest);
      written += count;
    }
  });
  const STEP = Math.max(1, Math.floor(100_000 / Math.max(1, perUser)));
  for (let u = 0; u < USERS; u += STEP) {
    writeUsers(u, Math.min(USERS, u + STEP));
    if ((u / STEP) % 20 === 0) process.stdout.write(`\r  generating: ${written.toLocaleString('en')} / ${EVENTS.toLocaleString('en')} events`);
  }
  db.transaction(() => {
    const od = db.prepare('INSERT INTO usage_org_daily (organization_id, day, type, events, quantity) VALUES (?, ?, ?, ?, ?)');
    for (const [k, [events, quantity]] of orgDaily) {
      const [day, type] = k.split('|');
      od.run(orgId, day, type, events, quantity);
    }
    const oa = db.prepare('INSERT INTO usage_org_active (organization_id, period, period_start, active_users) VALUES (?, ?, ?, ?)');
    for (const [k, n] of orgActive) {
      const [period, start] = k.split('|');
      oa.run(orgId, period, start, n);
    }
    const la = db.prepare('UPDATE users SET last_active_at = ? WHERE id = ?');
    for (const [id, at] of lastActive) la.run(at, id);
  })();
  process.stdout.write('\r  building indexes…                                         ');
  db.exec(
    'CREATE INDEX usage_events__user_time ON usage_events (organization_id, user_id, occurred_at, id); CREATE INDEX usage_events__org_time ON usage_events (organization_id, occurred_at);',
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  const genSeconds = (performance.now() - started) / 1000;
  console.log(
    `\rgenerated ${written.toLocaleString('en')} events for ${USERS.toLocaleString('en')} users in ${genSeconds.toFixed(1)} s (${Math.round(written / genSeconds).toLocaleString('en')} rows/s with rollups); database ${(statSync(file).size / 1e9).toFixed(2)} GB`,
  );

  const config = loadConfig({}, { databaseUrl, logLevel: 'silent' });
  const measured = await openDeps(config);
  const { deps } = measured;
  try {
    const ctx: RequestContext = { deps, organizationId: orgId, actor: null, ip: null, userAgent: null };
    const time = async (label: string, runs: number, fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn(i);
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await fn(i);
        t.push(performance.now() - s);
      }
      t.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(44)} p50 ${ms(pct(t, 50))}  p95 ${ms(pct(t, 95))}  max ${ms(t[t.length - 1])}`);
    };
    const pick = (i: number) => userIds[(i * 7919) % userIds.length];
    console.log(`queries with ${written.toLocaleString('en')} events in the organization (service call, then HTTP):`);
    await time('user trend, 30 days', 200, (i) => getUserUsageTrend(ctx, pick(i), 30));
    await time('user trend, 90 days', 200, (i) => getUserUsageTrend(ctx, pick(i), 90));
    await time('recent activity feed (30 items)', 200, (i) => getUserActivity(ctx, pick(i), {}));
    await time('users list page (50) with usage summaries', 50, () => listUsers(ctx, { limit: 50 }));
    await time('users list, filter active in 7 days', 20, () => listUsers(ctx, { limit: 50, lastActive: '7d', sort: 'last_active' }));
    await time('organization overview', 20, () => getUsageOverview(ctx, 30));

    const app = await buildApp(deps, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const admin = await deps.db.selectFrom('users').selectAll().where('id', '=', org.adminUserId).executeTakeFirstOrThrow();
    const session = await createSession(deps.db, deps, admin, 'magic_link', { ip: '127.0.0.1', userAgent: 'bench' });
    const cookie = `sofie_session=${session.token}`;
    await time('GET /api/users/:id/usage?days=90 over HTTP', 200, async (i) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/users/${pick(i)}/usage?days=90`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`trend answered ${res.status}`);
      await res.arrayBuffer();
    });
    await app.close();
  } finally {
    await measured.close();
  }
}

export default async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sofie-bench-usage-'));
  try {
    const part = process.env.USAGE_BENCH_PART ?? 'all';
    console.log(
      `# usage benchmark (SQLite) ${new Date().toISOString()}, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    if (part !== 'scale') await ingestionBench(dir);
    if (part !== 'ingest') await scaleBench(dir);
    console.log(
      `# done, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- child: the server ----------
if (process.argv[2] === '--serve') {
  const [databaseUrl, port] = [process.argv[3], Number(process.argv[4])];
  const config = loadConfig({}, { databaseUrl, port, host: '127.0.0.1', publicUrl: `http://127.0.0.1:${port}`, logLevel: 'silent' });
  const { deps } = await openDeps(config);
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  // The parent asks for our CPU time: events per CPU-second do not depend on what else the machine runs.
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpuMs: (u.user + u.system) / 1000 });
    }
  });
  process.send?.('ready');
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
