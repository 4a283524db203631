// Users page at scale: 100,000 users in one organization; first page, substring search and a
// filtered page must each answer in under 50 ms at p95 (issue 3).
import { sql, type Insertable } from 'kysely';
import type { Database } from '../src/server/db/database.js';
import { encodeCursor } from '../src/server/features/users/users.list.js';
import { nameFromEmail } from '../src/server/platform/email.js';
import { benchDatabases, fmt, measure, openBenchEnv, type BenchEnv } from './lib.js';
import { personRow } from '../test/helpers/seed-users.js';
import { FIRST_NAMES, LAST_NAMES } from './people.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);

/**
 * Three groups of different sizes, each steering the page to a different plan (users.repository.ts):
 * "Big team" (1 user in 9, all never active: when sorted by last activity its members sit at the far
 * end of the index, the worst case for walking it), "Everyone" (7 in 10) and "Small team" (1 in 50).
 */
export interface SeededGroups {
  groupId: string;
  everyoneId: string;
  smallTeamId: string;
}

export async function seed(env: BenchEnv): Promise<SeededGroups> {
  const { deps, org } = env;
  const roleKeys = ['member', 'member', 'member', 'viewer', 'publisher', 'user_manager'];
  const now = new Date().toISOString();
  const groups: SeededGroups = { groupId: deps.newId(), everyoneId: deps.newId(), smallTeamId: deps.newId() };
  const names: [string, string][] = [
    [groups.groupId, 'Big team'],
    [groups.everyoneId, 'Everyone'],
    [groups.smallTeamId, 'Small team'],
  ];
  for (const [id, name] of names) {
    await deps.db
      .insertInto('groups')
      .values({ id, organization_id: org.organizationId, name, name_normalized: name.toLowerCase(), description: '', created_at: now, updated_at: now })
      .execute();
  }
  const groupsOf = (i: number) => [
    ...(i % 9 === 0 ? [groups.groupId] : []),
    ...(i % 10 < 7 ? [groups.everyoneId] : []),
    ...(i % 50 === 1 ? [groups.smallTeamId] : []),
  ];
  const started = Date.now();
  for (let start = 0; start < USERS; start += 5000) {
    await deps.db.transaction().execute(async (trx) => {
      for (let chunk = start; chunk < Math.min(start + 5000, USERS); chunk += 250) {
        const rows: Insertable<Database['users']>[] = [];
        const members = [];
        for (let i = chunk; i < Math.min(chunk + 250, USERS); i++) {
          const email = `${FIRST_NAMES[i % 20]}.${LAST_NAMES[Math.floor(i / 20) % 20]}${i}@bench${i % 7}.test`;
          const id = deps.newId();
          const created = new Date(Date.now() - (i % 1000) * 3_600_000).toISOString();
          rows.push(
            personRow({
              id,
              organizationId: org.organizationId,
              email,
              name: nameFromEmail(email),
              roleId: org.roleIds.get(roleKeys[i % roleKeys.length])!,
              status: i % 10 === 0 ? 'invited' : i % 23 === 0 ? 'deactivated' : 'active',
              createdAt: created,
              lastActiveAt: i % 3 === 0 ? null : created,
            }),
          );
          for (const group_id of groupsOf(i)) members.push({ organization_id: org.organizationId, group_id, user_id: id, added_by: null, added_at: created });
        }
        await trx.insertInto('users').values(rows).execute();
        if (members.length) await trx.insertInto('group_members').values(members).execute();
      }
    });
  }
  // What autovacuum (PostgreSQL) and PRAGMA optimize (SQLite, run at start) do in a running system.
  await sql.raw(deps.dialect === 'postgres' ? 'VACUUM ANALYZE users, group_members' : 'ANALYZE').execute(deps.db);
  console.log(`  ${env.label}: seeded ${USERS.toLocaleString()} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return groups;
}

async function run(): Promise<void> {
  console.log(`\nUsers list with ${USERS.toLocaleString()} users in one organization (budget: p95 < 50 ms)`);
  for (const db of benchDatabases()) {
    const env = await openBenchEnv(db.label, db.url);
    try {
      const { groupId, everyoneId, smallTeamId } = await seed(env);
      const get = async (url: string) => {
        const res = await env.app.inject({ method: 'GET', url, headers: { cookie: env.adminCookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      };
      // A cursor half-way through, as after paging (or exporting) 50,000 users.
      const halfWay = async (key: 'name' | 'last_active') => {
        const expr = key === 'name' ? sql<string>`name` : sql<string>`COALESCE(last_active_at, '')`;
        const row = await env.deps.db
          .selectFrom('users')
          .select(['id', expr.as('value')])
          .where('organization_id', '=', env.org.organizationId)
          .orderBy(expr, key === 'name' ? 'asc' : 'desc')
          .orderBy('id', key === 'name' ? 'asc' : 'desc')
          .offset(Math.floor(USERS / 2))
          .limit(1)
          .executeTakeFirstOrThrow();
        return encodeCursor(row.value, row.id);
      };
      const [midByName, midByActivity] = [await halfWay('name'), await halfWay('last_active')];
      // Name fragments, as people type them; and a domain that matches one user in seven.
      const terms = ['lovelace', 'hopper12', 'grace.tur', 'radia', 'mensah99', 'ada.dijk'];
      const cases: [string, (i: number) => Promise<void>][] = [
        ['first page (sort by name)', () => get('/api/users?limit=50')],
        ['substring search (name fragments)', (i) => get(`/api/users?limit=50&search=${terms[i % terms.length]}`)],
        ['substring search (1 user in 7 matches)', () => get('/api/users?limit=50&search=bench3.test')],
        ['filtered page (role + status)', () => get(`/api/users?limit=50&roleId=${env.org.roleIds.get('viewer')}&status=active`)],
        ['group of 11,000 (by last active)', () => get(`/api/users?limit=50&groupId=${groupId}&sort=last_active`)],
        ['group of 70,000 (by name)', () => get(`/api/users?limit=50&groupId=${everyoneId}`)],
        ['group of 2,000 (by last active)', () => get(`/api/users?limit=50&groupId=${smallTeamId}&sort=last_active`)],
        // What the command palette asks as someone types a name (budget there: 150 ms to show a person).
        ['command palette (name fragments)', (i) => get(`/api/users/lookup?q=${terms[i % terms.length]}`)],
        ['command palette (1 user in 7 matches)', () => get('/api/users/lookup?q=bench3.test')],
        ['search + filter', (i) => get(`/api/users?limit=50&search=${terms[i % terms.length]}&status=active`)],
        ['page half-way (by name)', () => get(`/api/users?limit=50&cursor=${midByName}`)],
        ['page half-way (by last active)', () => get(`/api/users?limit=50&sort=last_active&cursor=${midByActivity}`)],
      ];
      for (const [name, fn] of cases) {
        const r = await measure(100, fn);
        console.log(
          `  ${env.label.padEnd(8)} ${name.padEnd(36)} p50 ${fmt(r.p50).padStart(9)}  p95 ${fmt(r.p95).padStart(9)}  max ${fmt(r.max).padStart(9)}  ${r.p95 < 50 ? 'OK' : 'OVER BUDGET'}`,
        );
      }
    } finally {
      await env.close();
    }
  }
}

export default run;
if (import.meta.url === `file://${process.argv[1]}`) await run();
