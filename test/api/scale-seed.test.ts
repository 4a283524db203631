// The scale bench's bulk seeding (bench/scale-seed.ts) sets the indexes and triggers aside, generates
// the people in SQL and computes the maintained counts once at the end. These tests hold that fast
// path to the slow one's result on each database: every row is the one generatedPerson and personRow
// describe (so Better Auth's peer, seeded from generatedPerson, serves the same people), the counts
// equal a recount, the users list answers with the right totals, and the schema is back as the
// migrations left it, its triggers counting the next change.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPerson, RARE_TERM } from '../../bench/people.js';
import { seedScale, type Seeder } from '../../bench/scale-seed.js';
import { personRow } from '../helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../helpers/test-app.js';

/** 2,000 people in the small group (the first 2,000), all of them in the big one. */
const COUNT = 3_000;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestApp;
let seed: Seeder;
let schemaBefore: string[];
let now: number;

/** The indexes and triggers on the tables the seeding sets aside, as the database describes them. */
async function schemaObjects(): Promise<string[]> {
  const query = usePostgres
    ? sql<{ item: string }>`
        SELECT indexdef AS item FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('users', 'group_members')
        UNION ALL SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace AND c.relname IN ('users', 'group_members')`
    : sql<{
        item: string;
      }>`SELECT type || ' ' || name || ': ' || COALESCE(sql, '') AS item FROM sqlite_master WHERE tbl_name IN ('users', 'group_members', 'users_search')`;
  return (await query.execute(t.deps.db)).rows.map((r) => r.item).sort();
}

async function list(query: string): Promise<{ items: { id: string }[]; total: number; totalExact: boolean }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/users?limit=50&${query}`, headers: { cookie: t.adminCookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The organization's users per role × status, and members per group, counted from the rows. */
async function recount() {
  const org = t.org.organizationId;
  const users = await t.deps.db
    .selectFrom('users')
    .select(['role_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', org)
    .groupBy(['role_id', 'status'])
    .execute();
  const kept = await t.deps.db.selectFrom('user_counts').select(['role_id', 'status', 'n']).where('organization_id', '=', org).where('n', '<>', 0).execute();
  const groups = await t.deps.db
    .selectFrom('groups')
    .select([
      'id',
      'member_count',
      (eb) => eb.selectFrom('group_members').select(eb.fn.countAll<number>().as('c')).whereRef('group_id', '=', 'groups.id').as('members'),
    ])
    .where('organization_id', '=', org)
    .execute();
  const key = (r: { role_id: string; status: string; n: number | string | bigint }) => `${r.role_id} ${r.status} ${Number(r.n)}`;
  return { recounted: users.map(key).sort(), kept: kept.map(key).sort(), groups: groups.map((g) => [Number(g.member_count), Number(g.members)]) };
}

beforeAll(async () => {
  t = await buildTestApp();
  now = t.clock().getTime();
  schemaBefore = await schemaObjects();
  seed = await seedScale(t.deps, COUNT, { now });
}, 120_000);
afterAll(async () => t.close());

describe('the scale bench’s bulk seeding', () => {
  it('should write every person as generatedPerson and personRow describe them, each with a UUIDv7 of its own', async () => {
    const rows = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('organization_id', '=', t.org.organizationId)
      .where('id', '<>', t.org.adminUserId)
      .execute();
    expect(rows).toHaveLength(COUNT);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    const roles = { rare: seed.rareRoleId, member: t.org.roleIds.get('member')! };
    for (let i = 0; i < COUNT; i++) {
      const person = generatedPerson(i, COUNT, now);
      const row = byEmail.get(person.email);
      const expected = personRow({
        id: row?.id ?? 'missing',
        organizationId: t.org.organizationId,
        email: person.email,
        name: person.name,
        roleId: person.rareRole ? roles.rare : roles.member,
        status: person.status,
        createdAt: person.createdAt,
        lastActiveAt: person.lastActiveAt,
      });
      expect(row && Object.fromEntries(Object.keys(expected).map((k) => [k, row[k as keyof typeof row]])), person.email).toEqual(expected);
    }
    expect(rows.every((r) => UUID_V7.test(r.id))).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
  });

  it('should leave the maintained counts equal to a recount, and each membership with its user’s sort keys', async () => {
    const counts = await recount();
    expect(counts.kept).toEqual(counts.recounted);
    expect(counts.groups.every(([kept, members]) => kept === members)).toBe(true);
    expect([seed.smallGroupSize, seed.bigGroupSize]).toEqual([2_000, COUNT]);
    const stale = await t.deps.db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([
          eb('m.sort_name', '<>', eb.ref('u.name')),
          eb('m.sort_email', '<>', eb.ref('u.email_normalized')),
          eb('m.sort_created', '<>', eb.ref('u.created_at')),
          eb('m.sort_last_active', '<>', eb.fn.coalesce('u.last_active_at', sql.lit(''))),
        ]),
      )
      .executeTakeFirstOrThrow();
    expect(Number(stale.n)).toBe(0);
  });

  it('should answer the users list with the right totals in every filter', async () => {
    const people = Array.from({ length: COUNT }, (_, i) => generatedPerson(i, COUNT, now));
    const first = await list('');
    expect([first.total, first.totalExact, first.items.length]).toEqual([COUNT + 1, true, 50]);
    expect((await list(`roleId=${seed.rareRoleId}`)).total).toBe(people.filter((p) => p.rareRole).length);
    expect((await list('status=deactivated')).total).toBe(people.filter((p) => p.status === 'deactivated').length);
    const rare = await list(`search=${RARE_TERM}`);
    expect([rare.total, rare.totalExact]).toEqual([people.filter((p) => p.name.toLowerCase().includes(RARE_TERM)).length, true]);
    expect((await list(`groupId=${seed.smallGroupId}`)).total).toBe(2_000);
    const detail = await t.app.inject({ method: 'GET', url: `/api/users/${seed.someUserId}`, headers: { cookie: t.adminCookie } });
    expect(detail.json().email).toBe(generatedPerson(Math.floor(COUNT / 3), COUNT, now).email);
  });

  it('should leave the indexes and triggers as the migrations made them, counting the next changes', async () => {
    expect(await schemaObjects()).toEqual(schemaBefore);
    const outsider = await t.deps.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('email', '=', generatedPerson(2_500, COUNT, now).email)
      .executeTakeFirstOrThrow();
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${outsider.id}/groups`,
      headers: { cookie: t.adminCookie },
      payload: { groupIds: [seed.smallGroupId], version: outsider.version, reason: 'Joins the small team' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await t.createUser({ email: 'newcomer@acme.test', name: 'Newcomer Quillfeather' });
    expect((await list(`groupId=${seed.smallGroupId}`)).total).toBe(2_001);
    expect((await list(`groupId=${seed.bigGroupId}`)).total).toBe(COUNT - 1);
    expect((await list('')).total).toBe(COUNT + 2);
    expect((await list(`search=${RARE_TERM}`)).items.map((u) => u.id)).toHaveLength(4);
    const counts = await recount();
    expect(counts.kept).toEqual(counts.recounted);
  });
});
