/**
 * Audit log search benchmark (Security Center > Events): seeds AUDIT_BENCH_EVENTS events (default
 * 100,000; the target is 10,000,000) for one organization, plus 10% for another, then times
 * filtered searches through the HTTP API (app.inject: routing, validation, query, serialization) and
 * prints p50/p95 per filter. SQLite always; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 *
 *   npm run bench audit                      AUDIT_BENCH_EVENTS=10000000 npm run bench audit
 */
import { sql } from 'kysely';
import { AUDIT_CATEGORIES, RISK_LEVELS } from '../src/contracts/audit.js';
import { uuidv7 } from '../src/server/platform/ids.js';
import { benchDatabases, fmt, measure, openBenchEnv, type BenchEnv } from './lib.js';

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? process.argv[3] ?? 100_000);
const ACTORS = 200;
const SUBJECTS = 20_000;
const SPAN_DAYS = 365;
// 17 columns a row: 1,000 rows are 17,000 parameters (PostgreSQL allows 65,535, SQLite 32,766).
const ROWS_PER_INSERT = 1_000;
const ROWS_PER_TRANSACTION = 100_000;
const ACTIONS = [
  'auth.signed_in',
  'auth.magic_link_sent',
  'user.role_changed',
  'invitation.sent',
  'user.deactivated',
  'role.security_changed',
  'user.restored',
];

/** Deterministic pseudo-random numbers, so every run seeds the same log. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(env: BenchEnv, organizationId: string, count: number, seedNo: number): Promise<void> {
  const random = rng(seedNo);
  const end = Date.parse('2026-11-30T00:00:00Z');
  let written = 0;
  while (written < count) {
    const inTransaction = Math.min(ROWS_PER_TRANSACTION, count - written);
    await env.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < inTransaction; i += ROWS_PER_INSERT) {
        const rows = [];
        for (let j = 0; j < Math.min(ROWS_PER_INSERT, inTransaction - i); j++) {
          const at = end - Math.floor(random() * SPAN_DAYS * 86_400_000);
          const actor = Math.floor(random() * ACTORS);
          const subject = Math.floor(random() * SUBJECTS);
          rows.push({
            id: uuidv7(at),
            organization_id: organizationId,
            actor_user_id: `actor-${actor}`,
            actor_label: `Actor ${actor} <actor${actor}@bench.test>`,
            action: ACTIONS[Math.floor(random() * ACTIONS.length)],
            category: AUDIT_CATEGORIES[Math.floor(random() * AUDIT_CATEGORIES.length)],
            // Mostly low risk, as in a real log: high-risk events are the rare ones people look for.
            risk: RISK_LEVELS[random() < 0.8 ? 0 : random() < 0.75 ? 1 : 2],
            subject_type: 'user',
            subject_id: `subject-${subject}`,
            subject_label: `person${subject}@bench.test`,
            reason: random() < 0.1 ? 'Quarterly access review' : null,
            before: '{"role":"Viewer"}',
            after: '{"role":"Editor"}',
            ip: '192.0.2.1',
            user_agent: 'bench',
            created_at: new Date(at).toISOString(),
          });
        }
        await trx.insertInto('audit_events').values(rows).execute();
      }
    });
    written += inTransaction;
    process.stdout.write(`\r  seeded ${written.toLocaleString()} / ${count.toLocaleString()}`);
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
    await seed(env, env.org.organizationId, events, 1);
    await seed(env, 'other-organization', Math.floor(events / 10), 2);
  });
  await sql`ANALYZE`.execute(env.deps.db);
  console.log(`  seeded and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function run(env: BenchEnv): Promise<void> {
  await seedAuditBench(env, EVENTS);

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
  for (const [name, query] of searches) {
    const r = await measure(40, async (i) => void (await get(query(i))));
    console.log(`  ${name.padEnd(36)} p50 ${fmt(r.p50).padStart(9)}  p95 ${fmt(r.p95).padStart(9)}  max ${fmt(r.max).padStart(9)}`);
  }
}

export default async function auditBench(): Promise<void> {
  for (const { label, url } of benchDatabases()) {
    console.log(`\naudit search, ${label}, ${EVENTS.toLocaleString()} events`);
    // Index builds over millions of rows take longer than a request's statement timeout.
    const env = await openBenchEnv(label, url, { databaseStatementTimeoutMs: 600_000 });
    try {
      await run(env);
    } finally {
      await env.close();
    }
  }
}
