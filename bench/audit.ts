/**
 * Audit log search benchmark (Security Center > Events): seeds AUDIT_BENCH_EVENTS events (default
 * 100,000; the issue's target is 10,000,000) for one organization, plus 10% for another, then times
 * filtered searches through the HTTP API (app.inject: routing, validation, query, serialization) and
 * prints p50/p95 per filter and the CPU time a search takes (mean). SQLite always; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 *
 *   npm run bench audit                      AUDIT_BENCH_EVENTS=10000000 npm run bench audit
 *   AUDIT_BENCH_DATABASE=sqlite|postgres     measures one database only
 *   AUDIT_BENCH_KEEP=/work/bench-data        keeps the seeded log (SQLite file audit_sqlite_<events>.db in
 *                                            that folder, PostgreSQL schema audit_postgres_<events>) and
 *                                            reuses it on the next run instead of seeding again
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { AUDIT_CATEGORIES } from '../src/contracts/audit.js';
import { benchDatabases, fmt, measure, openBenchEnv, type BenchEnv } from './lib.js';

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? process.argv[3] ?? 100_000);
const ACTORS = 200;
const SUBJECTS = 20_000;
const SPAN_DAYS = 365;
const END = Date.parse('2026-11-30T00:00:00Z');
// Rows per INSERT ... SELECT statement (and transaction): big, as a bulk load is.
const ROWS_PER_TRANSACTION = 1_000_000;
const ACTIONS = [
  'auth.signed_in',
  'auth.magic_link_sent',
  'user.role_changed',
  'invitation.sent',
  'user.deactivated',
  'role.security_changed',
  'user.restored',
];

/** SQL for one dialect's spelling of a few expressions the generator needs. */
interface Spelling {
  /** Hex digits of an integer expression, zero-padded to `width`. */
  hex(expr: string, width: number): string;
  /** An epoch-milliseconds expression as created_at's ISO 8601 text (`2026-11-30T00:00:00.000Z`). */
  iso(ms: string): string;
  /** The rows g = from .. to - 1. */
  series(from: number, to: number): string;
}
const SQLITE: Spelling = {
  hex: (expr, width) => `printf('%0${width}x', ${expr})`,
  iso: (ms) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`,
  series: (from, to) => `(WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to - 1}) SELECT g FROM s) AS s`,
};
const POSTGRES: Spelling = {
  hex: (expr, width) => `lpad(to_hex(${expr}), ${width}, '0')`,
  iso: (ms) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  series: (from, to) => `generate_series(${from}::bigint, ${to - 1}::bigint) AS s(g)`,
};

const pick = (values: readonly string[], index: string) => `CASE ${index} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;

/**
 * One INSERT ... SELECT for rows g = from .. to - 1 of `total`: in time order, as an append-only log is
 * written (so the table's own order follows created_at, as in production), every eleventh row for
 * another organization. Actor, subject, action, category, risk and reason are deterministic
 * pseudo-random functions of g (the high bits of multiplicative hashes), so every run seeds the same log.
 */
function insertRows(s: Spelling, organizationId: string, from: number, to: number, total: number): string {
  const spanMs = SPAN_DAYS * 86_400_000;
  const hash = (multiplier: number, offset: number) => `((((g + ${offset}) * ${multiplier}) & 4294967295) >> 12)`;
  const [a, b, c, d] = [hash(2654435761, 0), hash(2246822519, 7), hash(3266489917, 13), hash(668265263, 31)];
  const ms = `(${END - spanMs} + (g * ${spanMs}) / ${total})`;
  const actor = `(${a} % ${ACTORS})`;
  const subject = `(${b} % ${SUBJECTS})`;
  return `INSERT INTO audit_events (id, organization_id, actor_user_id, actor_label, action, category, risk, subject_type,
      subject_id, subject_label, reason, before, after, ip, user_agent, created_at)
    SELECT ${s.hex(`${ms} >> 16`, 8)} || '-' || ${s.hex(`${ms} & 65535`, 4)} || '-7000-8000-' || ${s.hex('g', 12)},
      CASE WHEN g % 11 = 10 THEN 'other-organization' ELSE '${organizationId}' END,
      'actor-' || ${actor}, 'Actor ' || ${actor} || ' <actor' || ${actor} || '@bench.test>',
      ${pick(ACTIONS, `(${c} % ${ACTIONS.length})`)},
      ${pick(AUDIT_CATEGORIES, `((${c} >> 4) % ${AUDIT_CATEGORIES.length})`)},
      ${/* Mostly low risk, as in a real log: high-risk events are the rare ones people look for. */ ''}
      CASE WHEN ${d} % 100 < 80 THEN 'low' WHEN ${d} % 100 < 95 THEN 'medium' ELSE 'high' END,
      'user', 'subject-' || ${subject}, 'person' || ${subject} || '@bench.test',
      CASE WHEN (${d} >> 8) % 10 = 0 THEN 'Quarterly access review' END,
      '{"role":"Viewer"}', '{"role":"Editor"}', '192.0.2.1', 'bench', ${s.iso(ms)}
    FROM ${s.series(from, to)}`;
}

/** Seeds `events` events for `organizationId` and a tenth as many for another organization, interleaved in time. */
async function seed(env: BenchEnv, organizationId: string, events: number): Promise<void> {
  const spelling = env.deps.dialect === 'postgres' ? POSTGRES : SQLITE;
  const total = events + Math.floor(events / 10);
  for (let from = 0; from < total; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(total, from + ROWS_PER_TRANSACTION);
    await env.deps.db.transaction().execute(async (trx) => {
      if (env.deps.dialect === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      await sql.raw(insertRows(spelling, organizationId, from, to, total)).execute(trx);
    });
    process.stdout.write(`\r  seeded ${to.toLocaleString()} / ${total.toLocaleString()}`);
  }
  process.stdout.write('\n');
}

/**
 * A bulk load as an operator would do it: the log's secondary indexes (and, on SQLite, the triggers
 * that feed the FTS5 table) are set aside, the rows go in, then every index is built once from its own
 * definition (read back from the database, so the bench measures exactly what the migrations create).
 */
async function bulkLoad(env: BenchEnv, load: () => Promise<void>): Promise<void> {
  const db = env.deps.db;
  if (env.deps.dialect === 'postgres') {
    const { rows } = await sql<{ name: string; definition: string }>`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'audit_events' AND indexname <> 'audit_events_pkey'`.execute(db);
    // Per-column statistics targets set on an index (migration 0025) go with it: read them to set again.
    const { rows: targets } = await sql<{ name: string; column: number; target: number }>`SELECT c.relname AS name, a.attnum AS "column",
      a.attstattarget AS target FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_index i ON i.indexrelid = c.oid
      WHERE i.indrelid = 'audit_events'::regclass AND a.attstattarget > 0`.execute(db);
    for (const { name } of rows) await sql.raw(`DROP INDEX "${name}"`).execute(db);
    await load();
    for (const { name, definition } of rows) {
      const started = Date.now();
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(trx);
        await sql.raw(definition).execute(trx);
      });
      console.log(`  index ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    for (const { name, column, target } of targets)
      await sql.raw(`ALTER INDEX "${name}" ALTER COLUMN ${Number(column)} SET STATISTICS ${Number(target)}`).execute(db);
    return;
  }
  const { rows } = await sql<{ name: string; type: string; definition: string }>`SELECT name, type, sql AS definition FROM sqlite_master
    WHERE tbl_name = 'audit_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL`.execute(db);
  for (const { name, type } of rows) await sql.raw(`DROP ${type} "${name}"`).execute(db);
  await load();
  for (const { name, definition } of rows) {
    const started = Date.now();
    await sql.raw(definition).execute(db);
    console.log(`  ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const started = Date.now();
  await sql`INSERT INTO audit_events_text(audit_events_text) VALUES ('rebuild')`.execute(db);
  console.log(`  FTS5 trigram table built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Seeds `events` events for the bench's organization and a tenth as many for another, then ANALYZE. */
export async function seedAuditBench(env: BenchEnv, events: number): Promise<void> {
  const started = Date.now();
  await bulkLoad(env, async () => {
    await seed(env, env.org.organizationId, events);
  });
  await sql`ANALYZE`.execute(env.deps.db);
  console.log(`  seeded and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Whether the bench's organization already has its events (a kept database from an earlier run). */
async function seeded(env: BenchEnv): Promise<boolean> {
  const row = await env.deps.db.selectFrom('audit_events').select('id').where('organization_id', '=', env.org.organizationId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * CPU time (ms) spent so far by this process and, on PostgreSQL, by the one server process serving
 * the bench (its pool holds one connection; the server runs on this machine, or the figure is the
 * bench's own): on a loaded machine a search's wall time is mostly its wait for a core, its CPU time is not.
 */
async function cpuClock(env: BenchEnv): Promise<() => number> {
  const own = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  if (env.deps.dialect !== 'postgres') return own;
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(env.deps.db);
  const server = () => {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 a second).
      const fields = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  };
  return () => own() + server();
}

async function run(env: BenchEnv): Promise<void> {
  if (await seeded(env)) console.log('  reusing the kept log');
  else await seedAuditBench(env, EVENTS);

  const get = async (query: string) => {
    const res = await env.app.inject({ method: 'GET', url: `/api/audit-events?${query}`, headers: { cookie: env.adminCookie } });
    if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
    return res.json<{ items: unknown[]; nextCursor: string | null }>();
  };
  const second = (await get('category=policy&limit=50')).nextCursor!;
  const searches: [string, (i: number) => string][] = [
    ['newest page, no filter', () => 'limit=50'],
    ['category', (i) => `category=${AUDIT_CATEGORIES[i % 6]}&limit=50`],
    ['risk level high', () => 'risk=high&limit=50'],
    ['actor (id)', (i) => `actorId=actor-${i % ACTORS}&limit=50`],
    ['subject (id)', (i) => `subjectId=subject-${(i * 37) % SUBJECTS}&limit=50`],
    ['date range (one week, months ago)', (i) => `from=2026-0${1 + (i % 8)}-01T00:00:00Z&to=2026-0${1 + (i % 8)}-08T00:00:00Z&limit=50`],
    ['category + risk + date range', (i) => `category=${AUDIT_CATEGORIES[i % 6]}&risk=high&from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z&limit=50`],
    ['oldest first, category', (i) => `category=${AUDIT_CATEGORIES[i % 6]}&sort=oldest&limit=50`],
    ['second page (keyset)', () => `category=policy&limit=50&cursor=${second}`],
    ['actor name (text)', (i) => `actor=actor${i % ACTORS}%40&limit=50`],
    ['subject name (text, rare)', (i) => `subject=person${(i * 37) % SUBJECTS}%40&limit=50`],
    ['free text (common term)', () => `q=quarterly&limit=50`],
    ['free text (rare term)', (i) => `q=person${(i * 53) % SUBJECTS}%40bench&limit=50`],
    ['free text + category', (i) => `q=quarterly&category=${AUDIT_CATEGORIES[i % 6]}&limit=50`],
    ['actor name + date range', (i) => `actor=actor${i % ACTORS}%40&from=2026-0${1 + (i % 8)}-01T00:00:00Z&to=2026-0${1 + (i % 8)}-08T00:00:00Z&limit=50`],
    ['subject name + risk high', (i) => `subject=person${(i * 41) % SUBJECTS}%40&risk=high&limit=50`],
  ];
  const cpu = await cpuClock(env);
  console.log(`  ${'scenario'.padEnd(36)} ${'p50'.padStart(9)}  ${'p95'.padStart(9)}  ${'max'.padStart(9)}  ${'cpu (mean)'.padStart(10)}  rows (mean)`);
  for (const [name, query] of searches) {
    let rows = 0;
    const started = cpu();
    const r = await measure(40, async (i) => void (rows += (await get(query(i))).items.length));
    const cpuMean = fmt((cpu() - started) / 45).padStart(10);
    console.log(`  ${name.padEnd(36)} ${fmt(r.p50).padStart(9)}  ${fmt(r.p95).padStart(9)}  ${fmt(r.max).padStart(9)}  ${cpuMean}  ${(rows / 45).toFixed(1)}`);
  }
}

export default async function auditBench(): Promise<void> {
  const only = process.env.AUDIT_BENCH_DATABASE;
  for (const { label, url } of benchDatabases().filter((d) => !only || d.label === only)) {
    console.log(`\naudit search, ${label}, ${EVENTS.toLocaleString()} events`);
    // Index builds over millions of rows take longer than a request's statement timeout.
    const keep = process.env.AUDIT_BENCH_KEEP;
    const kept = keep ? { dir: keep, name: `audit_${label}_${EVENTS}` } : undefined;
    // One connection: the bench's requests run one at a time, and its server process's CPU time is read (see cpuClock).
    const env = await openBenchEnv(label, url, { databaseStatementTimeoutMs: 600_000, databasePoolSize: 1 }, kept);
    try {
      await run(env);
    } finally {
      await env.close();
    }
  }
}
