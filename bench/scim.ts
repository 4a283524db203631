// SCIM provisioning through the API (app.inject, as Okta or Entra would call it): users/s for an
// initial sync, groups/s with their members pushed in PATCHes, and the p95 of the lookup every client
// makes before creating someone (`GET /Users?filter=userName eq "…"`) once the organization holds
// BENCH_SCIM_SEED users more (written straight to the database). Budget: that lookup p95 < 20 ms.
import type { Insertable } from 'kysely';
import type { Database } from '../src/server/db/database.js';
import { personRow } from '../test/helpers/seed-users.js';
import { benchDatabases, fmt, measure, openBenchEnv, type BenchEnv } from './lib.js';

/**
 * Sizes. `quick` (the default) proves the path in a minute or two; `full` is the issue's size: an
 * initial sync of 100,000 users and 2,000 groups (one of 20,000), then lookups among 1,000,000 users.
 * Choose with `npm run bench scim full` or BENCH_SCIM_SIZE=full; each BENCH_SCIM_* variable overrides one figure.
 */
const SIZES = {
  quick: { users: 1_000, groups: 50, bigGroup: 1_000, seed: 20_000 },
  full: { users: 100_000, groups: 2_000, bigGroup: 20_000, seed: 900_000 },
} as const;
const sizeName = (process.argv[3] ?? process.env.BENCH_SCIM_SIZE ?? 'quick') as keyof typeof SIZES;
if (!(sizeName in SIZES)) throw new Error(`BENCH_SCIM_SIZE is quick or full, not ${sizeName}`);
const size = SIZES[sizeName];
const USERS = Number(process.env.BENCH_SCIM_USERS ?? size.users);
const GROUPS = Number(process.env.BENCH_SCIM_GROUPS ?? size.groups);
const BIG_GROUP = Math.min(USERS, Number(process.env.BENCH_SCIM_BIG_GROUP ?? size.bigGroup));
const SEED = Number(process.env.BENCH_SCIM_SEED ?? size.seed);

async function token(env: BenchEnv): Promise<string> {
  await env.app.inject({ method: 'PUT', url: '/api/scim-settings', headers: { cookie: env.adminCookie }, payload: { enabled: true } });
  const res = await env.app.inject({ method: 'POST', url: '/api/scim-tokens', headers: { cookie: env.adminCookie }, payload: { label: 'Bench' } });
  return res.json<{ token: string }>().token;
}

function client(env: BenchEnv, bearer: string) {
  return async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => {
    const res = await env.app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
}

/** SEED more SCIM users written straight to the database, 500 rows per statement. */
async function seed(env: BenchEnv): Promise<void> {
  const { deps, org } = env;
  const now = new Date().toISOString();
  for (let start = 0; start < SEED; start += 5000) {
    await deps.db.transaction().execute(async (trx) => {
      const users: Insertable<Database['users']>[] = [];
      const links: Insertable<Database['scim_users']>[] = [];
      for (let i = start; i < Math.min(start + 5000, SEED); i++) {
        const id = deps.newId();
        const email = `seed${i}@bench.test`;
        users.push(
          personRow({
            id,
            organizationId: org.organizationId,
            email,
            name: `Seed ${i}`,
            roleId: org.roleIds.get('member')!,
            status: 'active',
            createdAt: now,
            lastActiveAt: null,
          }),
        );
        links.push({
          user_id: id,
          organization_id: org.organizationId,
          user_name: email,
          user_name_normalized: email,
          external_id: `seed-${i}`,
          email_type: 'work',
          version: 1,
          created_at: now,
          updated_at: now,
        });
      }
      for (let c = 0; c < users.length; c += 500)
        await trx
          .insertInto('users')
          .values(users.slice(c, c + 500))
          .execute();
      for (let c = 0; c < links.length; c += 500)
        await trx
          .insertInto('scim_users')
          .values(links.slice(c, c + 500))
          .execute();
    });
  }
}

async function run(): Promise<void> {
  console.log(
    `\nSCIM (${sizeName}): ${USERS.toLocaleString()} users and ${GROUPS} groups (one of ${BIG_GROUP.toLocaleString()}) through the API; userName lookups among ${(USERS + SEED).toLocaleString()} (budget p95 < 20 ms)`,
  );
  for (const db of benchDatabases()) {
    // The per-token rate limit is lifted: this measures the server, not the limit.
    const env = await openBenchEnv(db.label, db.url, { scimRequestsPerMinute: 1_000_000 });
    try {
      const scim = client(env, await token(env));
      let started = Date.now();
      const ids: string[] = [];
      const createTimes: number[] = [];
      for (let i = 0; i < USERS; i++) {
        const userName = `person${i}@bench.test`;
        const at = performance.now();
        const res = await scim('POST', '/Users', {
          userName,
          externalId: `ext-${i}`,
          name: { givenName: 'Person', familyName: String(i) },
          emails: [{ value: userName, primary: true }],
        });
        createTimes.push(performance.now() - at);
        ids.push(res.json<{ id: string }>().id);
      }
      createTimes.sort((a, b) => a - b);
      const createP95 = createTimes[Math.min(createTimes.length - 1, Math.floor(createTimes.length * 0.95))] ?? 0;
      const userSeconds = (Date.now() - started) / 1000;
      started = Date.now();
      for (let g = 0; g < GROUPS; g++) {
        const groupId = (await scim('POST', '/Groups', { displayName: `Group ${g}` })).json<{ id: string }>().id;
        const members = g === 0 ? ids.slice(0, BIG_GROUP) : ids.slice((g * 10) % USERS, ((g * 10) % USERS) + 10);
        for (let c = 0; c < members.length; c += 1000) {
          await scim('PATCH', `/Groups/${groupId}`, {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [{ op: 'add', path: 'members', value: members.slice(c, c + 1000).map((value) => ({ value })) }],
          });
        }
      }
      const groupSeconds = (Date.now() - started) / 1000;
      started = Date.now();
      await seed(env);
      const seedSeconds = (Date.now() - started) / 1000;
      const lookup = await measure(300, async (i) => {
        await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "SEED${(i * 7919) % SEED}@bench.test"`)}`);
      });
      console.log(
        `  ${env.label}: ${(USERS / userSeconds).toFixed(0)} users/s (POST /Users p95 ${fmt(createP95)}), ${(GROUPS / groupSeconds).toFixed(1)} groups/s (members included); ` +
          `seeded ${SEED.toLocaleString()} more in ${seedSeconds.toFixed(1)} s; userName eq p50 ${fmt(lookup.p50)}, p95 ${fmt(lookup.p95)}, max ${fmt(lookup.max)}`,
      );
    } finally {
      await env.close();
    }
  }
}

export default run;
