// Many organizations: does the number of organizations change what one organization's requests cost?
// One measured organization is timed alone, then again after BENCH_ORGS more organizations holding
// BENCH_ORG_USERS users in total (and a session each) are added beside it. Every statement those
// requests run is captured and EXPLAINed: none may read a per-organization table from end to end.
// Sized small by default (2,000 organizations, 40,000 users): the claim is about plans, which the
// small run shows; the timings beside them say whether they hold.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type Insertable, type LogEvent } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database, DbOrTrx } from '../src/server/db/database.js';
import { dropSchema } from '../src/server/db/dialect.js';
import { openDeps } from '../src/server/deps.factory.js';
import { createSession } from '../src/server/features/auth/auth.service.js';
import { createOrganization, insertOrganizationWithRoles } from '../src/server/features/organizations/organizations.bootstrap.js';
import { personRow } from '../test/helpers/seed-users.js';
import { benchDatabases, fmt, measure } from './lib.js';

const ORGS = Number(process.env.BENCH_ORGS ?? 2_000);
const USERS = Number(process.env.BENCH_ORG_USERS ?? 40_000);
const OPERATOR_TOKEN = randomBytes(24).toString('hex');
/** Tables whose rows belong to organizations: reading one whole would cost more with every organization. */
const PER_ORGANIZATION = ['users', 'sessions', 'user_counts', 'roles', 'group_members', 'groups', 'invitations', 'audit_events', 'passkeys', 'magic_links'];

/**
 * Collects the statements the app runs while `on`, as the database received them (the driver's log:
 * a Kysely plugin never sees the queries compiled once and run as prepared statements, such as the
 * users list's page).
 */
function statementCapture() {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  let on = false;
  const log = (event: LogEvent) => {
    if (on) captured.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
  return { log, captured, start: () => ((on = true), (captured.length = 0)), stop: () => (on = false) };
}

type Env = Awaited<ReturnType<typeof open>>;

async function open(label: string, postgresUrl: string | null) {
  const dir = postgresUrl ? null : mkdtempSync(join(tmpdir(), 'sofie-bench-orgs-'));
  const schema = postgresUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig(
    {},
    {
      databaseUrl: postgresUrl ?? `sqlite:${join(dir!, 'bench.db')}`,
      logLevel: 'silent',
      operatorTokenHash: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
    },
  );
  const capture = statementCapture();
  const opened = await openDeps(config, { schema, log: capture.log });
  const deps = opened.deps;
  const app = await buildApp(deps, { logger: false });
  const org = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Measured', adminEmail: 'admin@measured.test' }));
  // The same address in a second organization: the switcher has something to list.
  await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Measured Two', adminEmail: 'admin@measured.test' }));
  await seedUsers(deps, org.organizationId, org.roleIds.get('member')!, 0, 20);
  const session = await createSession(deps.db, deps, { id: org.adminUserId, organization_id: org.organizationId }, 'magic_link', {
    ip: null,
    userAgent: 'bench',
  });
  return {
    label,
    app,
    deps,
    capture,
    cookie: `sofie_session=${session.token}`,
    async close() {
      await app.close();
      await opened.close();
      if (schema) await dropSchema(postgresUrl!, schema);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedUsers(deps: { db: DbOrTrx; newId: () => string }, organizationId: string, roleId: string, from: number, count: number): Promise<string[]> {
  const now = new Date().toISOString();
  const rows: Insertable<Database['users']>[] = [];
  for (let i = from; i < from + count; i++) {
    const email = `person${i}@org.test`;
    rows.push(personRow({ id: deps.newId(), organizationId, email, name: `Person ${i}`, roleId, status: 'active', createdAt: now, lastActiveAt: null }));
  }
  for (let c = 0; c < rows.length; c += 250)
    await deps.db
      .insertInto('users')
      .values(rows.slice(c, c + 250))
      .execute();
  return rows.map((r) => r.id);
}

/** ORGS organizations with their system roles, USERS users spread over them, and a session per organization. */
async function seedOrganizations(env: Env): Promise<number> {
  const started = Date.now();
  const perOrg = Math.max(1, Math.floor(USERS / ORGS));
  for (let start = 0; start < ORGS; start += 50) {
    await env.deps.db.transaction().execute(async (trx) => {
      const deps = { db: trx, newId: env.deps.newId };
      for (let o = start; o < Math.min(start + 50, ORGS); o++) {
        const { organizationId, roleIds } = await insertOrganizationWithRoles(trx, env.deps, `Org ${String(o).padStart(5, '0')}`);
        const [first] = await seedUsers(deps, organizationId, roleIds.get('member')!, o * perOrg, perOrg);
        await createSession(trx, env.deps, { id: first, organization_id: organizationId }, 'magic_link', { ip: null, userAgent: 'bench' });
      }
    });
  }
  await sql`ANALYZE`.execute(env.deps.db);
  return (Date.now() - started) / 1000;
}

const SCENARIOS: [string, string][] = [
  ['session lookup (GET /api/auth/me)', '/api/auth/me'],
  ['users, first page by name', '/api/users?sort=name&limit=50'],
  ['users, active only, newest first', '/api/users?status=active&sort=created&order=desc&limit=50'],
  ['organization switcher (GET /api/auth/organizations)', '/api/auth/organizations'],
  ['operator: organizations, first page', '/operator/api/organizations?limit=50'],
];

function request(env: Env, url: string) {
  const headers = url.startsWith('/operator/') ? { authorization: `Bearer ${OPERATOR_TOKEN}` } : { cookie: env.cookie };
  return env.app.inject({ method: 'GET', url, headers });
}

async function timeScenarios(env: Env): Promise<Map<string, number>> {
  const p50 = new Map<string, number>();
  for (const [name, url] of SCENARIOS) {
    const r = await measure(200, async () => {
      const res = await request(env, url);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    });
    p50.set(name, r.p50);
  }
  return p50;
}

/**
 * The plan of one statement. PostgreSQL plans tables that are empty here (passkeys, groups) with a
 * sequential scan whatever their indexes, so it is asked with sequential scans off: a Seq Scan
 * that remains means no index can serve the statement.
 */
async function explain(env: Env, text: string, parameters: readonly unknown[]) {
  if (env.deps.dialect === 'sqlite')
    return env.deps.db.executeQuery<Record<string, string | undefined>>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${text}`, [...parameters]));
  return env.deps.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    return trx.executeQuery<Record<string, string | undefined>>(CompiledQuery.raw(`EXPLAIN ${text}`, [...parameters]));
  });
}

/** EXPLAINs every statement a request ran; returns the lines that read a per-organization table whole. */
async function fullScans(env: Env, run: () => Promise<unknown>): Promise<{ statements: number; scans: string[] }> {
  env.capture.start();
  await run();
  env.capture.stop();
  const scans: string[] = [];
  const statements = [...env.capture.captured];
  for (const compiled of statements) {
    if (/^\s*(insert|begin|commit|set|select\s+pg_)/i.test(compiled.sql)) continue;
    const plan = await explain(env, compiled.sql, compiled.parameters);
    for (const row of plan.rows) {
      const line = String(row['QUERY PLAN'] ?? row.detail ?? '');
      const table = PER_ORGANIZATION.find((t) => new RegExp(`(^|\\s)(SCAN|Seq Scan on) ${t}(\\s|$)`).test(line.trim()));
      if (table && !/USING (COVERING )?INDEX/.test(line)) scans.push(`${line.trim()}   ← ${compiled.sql.slice(0, 120)}`);
    }
  }
  return { statements: statements.length, scans };
}

async function checkPlans(env: Env): Promise<void> {
  const cases: [string, () => Promise<unknown>][] = [
    ...SCENARIOS.map(([name, url]): [string, () => Promise<unknown>] => [name, () => request(env, url)]),
    [
      'sign-in link request (one per organization of the address)',
      () => env.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@measured.test' } }),
    ],
    [
      'operator: suspend one organization (ends its sessions)',
      () =>
        env.app.inject({
          method: 'POST',
          url: '/operator/api/organizations/Org%2000007/suspend',
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
          payload: {},
        }),
    ],
  ];
  for (const [name, run] of cases) {
    const { statements, scans } = await fullScans(env, run);
    console.log(
      `  ${env.label.padEnd(8)} plans: ${name.padEnd(58)} ${String(statements).padStart(2)} statements, ${scans.length ? 'FULL SCANS:' : 'no full scan of a per-organization table'}`,
    );
    for (const scan of scans) console.log(`           ${scan}`);
  }
}

async function run(): Promise<void> {
  console.log(
    `\nMany organizations: one organization's requests alone, then beside ${ORGS.toLocaleString()} organizations holding ${USERS.toLocaleString()} users (p50 of 200)`,
  );
  for (const db of benchDatabases()) {
    const env = await open(db.label, db.url);
    try {
      const alone = await timeScenarios(env);
      const seconds = await seedOrganizations(env);
      console.log(
        `  ${env.label}: seeded ${ORGS.toLocaleString()} organizations, ${USERS.toLocaleString()} users, ${ORGS.toLocaleString()} sessions in ${seconds.toFixed(1)} s`,
      );
      const crowded = await timeScenarios(env);
      for (const [name] of SCENARIOS) {
        const a = alone.get(name)!;
        const b = crowded.get(name)!;
        console.log(
          `  ${env.label.padEnd(8)} ${name.padEnd(52)} 2 orgs ${fmt(a).padStart(9)}   ${(ORGS + 2).toLocaleString()} orgs ${fmt(b).padStart(9)}   ×${(b / a).toFixed(2)}`,
        );
      }
      await checkPlans(env);
    } finally {
      await env.close();
    }
  }
}

export default run;
