import { Value } from 'typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserList } from '../../../contracts/users.js';
import { seedMembers, seedPeople } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function list(query: string, cookie = t.adminCookie) {
  const res = await t.app.inject({ method: 'GET', url: `/api/users?${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<{
    items: { id: string; name: string; email: string; status: string; role: { name: string }; groups: { name: string }[] }[];
    total: number;
    totalExact: boolean;
    nextCursor: string | null;
  }>();
}

async function seed() {
  const names = ['Zoë Quinn', 'Yusuf Demir', 'Xavier Dolan', 'Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Margaret Hamilton'];
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    ids.push(
      await t.createUser({
        email: `${name.split(' ')[0].toLowerCase()}@acme.test`,
        name,
        roleKey: i % 3 === 0 ? 'viewer' : 'member',
        status: i === 5 ? 'deactivated' : 'active',
      }),
    );
    t.clock.advance(60_000);
  }
  return ids;
}

describe('users list', () => {
  it('should find users by case-insensitive substring of name or email', async () => {
    await seed();
    expect((await list('search=HOPP')).items.map((u) => u.name)).toEqual(['Grace Hopper']);
    expect((await list('search=ace@acme')).items.map((u) => u.name)).toEqual(['Grace Hopper']);
    expect((await list('search=er')).items.map((u) => u.name)).toEqual(['Grace Hopper', 'Katherine Johnson', 'Xavier Dolan']);
    expect((await list('search=zo')).items.map((u) => u.name)).toEqual(['Zoë Quinn']);
    // Totals too: terms of one or two characters have no trigrams, terms of three or more do.
    expect(await list('search=er')).toMatchObject({ total: 3, totalExact: true });
    expect(await list('search=zo')).toMatchObject({ total: 1, totalExact: true });
    expect(await list('search=HOPP')).toMatchObject({ total: 1, totalExact: true });
    expect((await list('search=100%25')).total).toBe(0);
  });

  it('should give the same total for a search on every page', async () => {
    await seed();
    const first = await list('search=acme.test&limit=3&sort=name');
    expect(first.total).toBe(9);
    const second = await list(`search=acme.test&limit=3&sort=name&cursor=${first.nextCursor}`);
    expect(second.total).toBe(9);
    expect(second.items.map((u) => u.id)).not.toContain(first.items[0].id);
    expect((await list('search=nobody-matches-this')).total).toBe(0);
  });

  it('should filter by role and status and count the matches', async () => {
    await seed();
    const viewers = await list(`roleId=${t.org.roleIds.get('viewer')}`);
    expect(viewers.total).toBe(3);
    expect(viewers.items.every((u) => u.role.name === 'Viewer')).toBe(true);
    expect((await list('status=deactivated')).items.map((u) => u.name)).toEqual(['Alan Turing']);
  });

  it('should filter by group', async () => {
    const [zoe, yusuf] = await seed();
    const group = (await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: 'Reviewers' } })).json();
    await t.app.inject({ method: 'POST', url: `/api/groups/${group.id}/members`, headers: { cookie: t.adminCookie }, payload: { userIds: [zoe, yusuf] } });
    const res = await list(`groupId=${group.id}`);
    expect(res.items.map((u) => u.name)).toEqual(['Yusuf Demir', 'Zoë Quinn']);
    expect(res.items[0].groups.map((g) => g.name)).toEqual(['Reviewers']);
  });

  it("should show each row's groups by name, whether the page is the whole list, a search or a group", async () => {
    const [zoe] = await seed();
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: t.adminCookie }, payload });
    const zeta = (await post('/api/groups', { name: 'Zeta crew' })).json().id;
    const alpha = (await post('/api/groups', { name: 'Alpha team' })).json().id;
    for (const group of [zeta, alpha]) await post(`/api/groups/${group}/members`, { userIds: [zoe] });
    const groupsOfZoe = async (query: string) => (await list(query)).items.find((u) => u.id === zoe)?.groups.map((g) => g.name);
    for (const query of ['', 'search=quinn', `groupId=${zeta}`, 'sort=created', 'status=active']) {
      expect(await groupsOfZoe(query), query).toEqual(['Alpha team', 'Zeta crew']);
    }
    expect((await list('search=yusuf')).items[0].groups).toEqual([]);
  });

  it('should page a group in the same order as the whole list, in every sort, and follow later changes', async () => {
    const ids = await seed();
    const post = (url: string, payload: object, headers: Record<string, string> = { cookie: t.adminCookie }) =>
      t.app.inject({ method: 'POST', url, headers, payload });
    const group = (await post('/api/groups', { name: 'Cohort' })).json().id;
    const ivy = await t.createUser({ email: 'ivy@acme.test', name: 'Ivy', status: 'invited' });
    const members = [ids[0], ids[2], ids[3], ids[5], ids[6], ids[7], ivy];
    await post(`/api/groups/${group}/members`, { userIds: members });
    const token = (await post('/api/service-tokens', { name: 'usage' })).json().token;
    const activity = (userId: string, id: string, hoursAgo: number) => ({
      id,
      userId,
      type: 'chat_message',
      occurredAt: new Date(t.clock().getTime() - hoursAgo * 3_600_000).toISOString(),
    });
    const ingest = async (events: object[]) =>
      expect((await post('/api/usage/events', { events }, { authorization: `Bearer ${token}` })).json().accepted).toBe(events.length);
    // Some members active (one of them outside the group too), the rest never: ties on the empty key.
    await ingest([activity(ids[3], 'a', 3), activity(ids[6], 'b', 1), activity(ids[7], 'c', 2), activity(ids[1], 'd', 1)]);

    const inGroupOrder = async (sort: string, order: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`groupId=${group}&sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.total).toBe(7);
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    for (const sort of ['name', 'email', 'created', 'last_active']) {
      for (const order of ['asc', 'desc']) {
        const whole = (await list(`sort=${sort}&order=${order}&limit=200`)).items.map((u) => u.id);
        expect(await inGroupOrder(sort, order)).toEqual(whole.filter((id) => members.includes(id)));
      }
    }

    // New activity and a new name reach the group's order at once.
    await ingest([activity(ids[0], 'e', 0)]);
    expect((await list(`groupId=${group}&sort=last_active&limit=1`)).items[0].id).toBe(ids[0]);
    await post('/api/invitations', { entries: [{ email: 'ivy@acme.test', name: 'Aaron Ivy' }], roleId: t.org.roleIds.get('member') });
    expect((await list(`groupId=${group}&sort=name&limit=1`)).items[0].name).toBe('Aaron Ivy');

    // The other filters still apply within the group.
    const active = await list(`groupId=${group}&status=active&sort=name`);
    expect(active.items.map((u) => u.name)).toEqual(['Ada Lovelace', 'Katherine Johnson', 'Margaret Hamilton', 'Xavier Dolan', 'Zoë Quinn']);
    expect(active.total).toBe(5);
    const viewers = await list(`groupId=${group}&roleId=${t.org.roleIds.get('viewer')}&sort=name`);
    expect(viewers.items.map((u) => u.name)).toEqual(['Ada Lovelace', 'Katherine Johnson', 'Zoë Quinn']);
  });

  it('should page through every user exactly once in each sort order', async () => {
    await seed();
    for (const sort of ['name', 'email', 'created', 'last_active']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await list(`sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
          expect(page.total).toBe(9);
          seen.push(...page.items.map((u) => u.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(new Set(seen).size).toBe(9);
      }
    }
    const byName = await list('sort=name&order=asc&limit=200');
    expect(byName.items.map((u) => u.name)).toEqual([...byName.items.map((u) => u.name)].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('should reject a tampered cursor and an out-of-range limit with 400', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/users?cursor=nonsense', headers: { cookie: t.adminCookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_CURSOR');
    const big = await t.app.inject({ method: 'GET', url: '/api/users?limit=500', headers: { cookie: t.adminCookie } });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('should never show another organization’s users', async () => {
    await seed();
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const theirs = await list('', other.adminCookie);
    expect(theirs.items.map((u) => u.email)).toEqual(['root@globex.test']);
    expect((await list('search=globex')).total).toBe(0);
  });

  it('should export exactly the filtered view as CSV', async () => {
    await seed();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/users/export.csv?roleId=${t.org.roleIds.get('viewer')}&sort=name`,
      headers: { cookie: t.adminCookie },
    });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('name,email,role,groups,status,last_active,created');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Ada Lovelace', 'Katherine Johnson', 'Zoë Quinn']);
  });

  it('should neutralise spreadsheet formulas in the export', async () => {
    await t.createUser({ email: 'evil@acme.test', name: '=HYPERLINK("http://x")' });
    await t.createUser({ email: 'evil2@acme.test', name: "=cmd|' /C calc'!A0\nsecond line" });
    const res = await t.app.inject({ method: 'GET', url: '/api/users/export.csv?search=evil', headers: { cookie: t.adminCookie } });
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    // A cell that goes on over several lines is neutralised too (Papa's own pattern missed it).
    expect(res.body).toContain(`"'=cmd|' /C calc'!A0\nsecond line"`);
  });
});

describe('users list totals', () => {
  it('should give exact totals from kept counts, and "1,000+" for a search or activity filter matching more', async () => {
    await seedMembers(t, 1_050);
    const viewer = t.org.roleIds.get('viewer')!;
    const someone = await t.createUser({ email: 'viewer@acme.test', name: 'Vera Viewer', roleKey: 'viewer', status: 'deactivated' });
    const all = await list('limit=1');
    // The admin, 1,050 members and one viewer, counted without reading them.
    expect([all.total, all.totalExact]).toEqual([1_052, true]);
    expect([(await list(`roleId=${viewer}`)).total, (await list('status=deactivated')).total]).toEqual([1, 1]);
    const search = await list('search=member&limit=5');
    expect([search.total, search.totalExact, search.items.length]).toEqual([1_000, false, 5]);
    const never = await list('lastActive=never&limit=5');
    expect([never.total, never.totalExact]).toEqual([1_000, false]);
    const few = await list('search=vera');
    expect([few.total, few.totalExact, few.items.map((u) => u.id)]).toEqual([1, true, [someone]]);
  });

  it('should count exactly on demand what the list counted only up to its cap, for the same filter', async () => {
    await seedMembers(t, 1_050);
    await t.createUser({ email: 'vera@acme.test', name: 'Vera Member-Viewer', roleKey: 'viewer', status: 'deactivated' });
    const count = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/users/count?${query}`, headers: { cookie: t.adminCookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number }>().total;
    };
    expect(await count('search=member')).toBe(1_051);
    expect(await count('search=member&status=active')).toBe(1_050);
    expect(await count(`search=member&roleId=${t.org.roleIds.get('viewer')}`)).toBe(1);
    // The admin signed in (active now); every seeded member and Vera never were.
    expect(await count('lastActive=never')).toBe(1_051);
    expect(await count('')).toBe(1_052);
    const bad = await t.app.inject({ method: 'GET', url: '/api/users/count?sort=name', headers: { cookie: t.adminCookie } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'UNKNOWN_PARAMETER']);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/users/count?search=member' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('should refuse exact counts asked for in a loop, with Retry-After', async () => {
    const count = () => t.app.inject({ method: 'GET', url: '/api/users/count?search=a', headers: { cookie: t.adminCookie } });
    for (let i = 0; i < 20; i++) expect((await count()).statusCode).toBe(200);
    const refused = await count();
    expect([refused.statusCode, refused.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('searches that many users match', () => {
  const expectedPage = async (term: string, limit: number) =>
    (
      await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('organization_id', '=', t.org.organizationId)
        .where('search_text', 'like', `%${term}%`)
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map((r) => r.id);

  it('should page and count a term few users hold past the first users in every order, with other filters and cursors', async () => {
    // 2,100 members first in name order: the walk meets no page, and the trigram index holds few candidates.
    await seedMembers(t, 2_100);
    await seedPeople(t, 70, (i) => ({ email: `rare${i}@quill${i % 3}.test`, name: `Zz Quillfeather ${i}`, status: i % 7 === 0 ? 'deactivated' : 'active' }));
    const rows = await t.deps.db
      .selectFrom('users')
      .select(['id', 'name', 'email_normalized', 'created_at', 'status'])
      .where('organization_id', '=', t.org.organizationId)
      .where('search_text', 'like', '%quillfeather%')
      .execute();
    const byKey = (key: 'name' | 'email_normalized') => (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id < b.id ? -1 : 1;
    const cases = [
      { query: 'search=quillfeather', expected: [...rows].sort(byKey('name')) },
      { query: 'search=QUILLFEATHER&sort=email&order=desc', expected: [...rows].sort(byKey('email_normalized')).reverse() },
      { query: 'search=quillfeather&status=active', expected: rows.filter((r) => r.status === 'active').sort(byKey('name')) },
    ];
    for (const { query, expected } of cases) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`${query}&limit=25${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page, query).toMatchObject({ total: expected.length, totalExact: true });
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, query).toEqual(expected.map((r) => r.id));
    }
  });

  it('should page through a common term in name order, as sorting every match would', async () => {
    await seedMembers(t, 2_500);
    const first = await list('search=member&limit=50');
    expect(first.items.map((u) => u.id)).toEqual(await expectedPage('member', 50));
    const second = await list(`search=member&limit=50&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((u) => u.id)).toEqual(await expectedPage('member', 100));
  });

  it('should page a common term to its last, partial page without losing or repeating anyone', async () => {
    await seedMembers(t, 2_500);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`search=member&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(await expectedPage('member', 5_000));
    expect(seen).toHaveLength(2_500);
  });

  /** `count` people whose names sort after every member ("Zz Cluster 0000" …), each `deactivateEvery`-th deactivated. */
  const cluster = (count: number, organizationId = t.org.organizationId, deactivateEvery = 0) =>
    seedPeople(
      t,
      count,
      (i) => ({
        email: `zz${i}@acme.test`,
        name: `Zz Cluster ${String(i).padStart(5, '0')}`,
        status: deactivateEvery && i % deactivateEvery === 0 ? 'deactivated' : 'active',
      }),
      organizationId,
    );

  it('should still find matches that all sort after the first two thousand users', async () => {
    await seedMembers(t, 2_500);
    await cluster(2_100);
    const page = await list('search=cluster&limit=50');
    expect(page.items.map((u) => u.id)).toEqual(await expectedPage('cluster', 50));
    expect(page.items[0].name).toBe('Zz Cluster 00000');
    expect(page).toMatchObject({ total: 1_000, totalExact: false });
  });

  it('should page such far matches with a status filter across keyset pages, as sorting every match would', async () => {
    await seedMembers(t, 2_500);
    await cluster(2_100, t.org.organizationId, 3);
    const first = await list('search=cluster&status=active&limit=50');
    const second = await list(`search=cluster&status=active&limit=50&cursor=${first.nextCursor}`);
    const expected = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', t.org.organizationId)
      .where('status', '=', 'active')
      .where('search_text', 'like', '%cluster%')
      .orderBy('name')
      .orderBy('id')
      .limit(100)
      .execute();
    expect([...first.items, ...second.items].map((u) => u.id)).toEqual(expected.map((r) => r.id));
    expect(first.items.every((u) => u.status === 'active')).toBe(true);
  });

  it('should count a term exactly when another organization holds thousands of it', async () => {
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    // More than SQLite's capped count reads of the trigram index's matches (20,000) before it counts
    // the exact way; PostgreSQL has no such window, and a smaller crowd keeps its test short.
    await cluster(usePostgres ? 1_500 : 21_000, other.organizationId);
    await cluster(40);
    // Fewer than a page: the walk finds no page, so the total is counted (not walked).
    const page = await list('search=cluster&limit=50');
    expect(page).toMatchObject({ total: 40, totalExact: true });
    expect(page.items.map((u) => u.name)).toEqual(Array.from({ length: 40 }, (_, i) => `Zz Cluster ${String(i).padStart(5, '0')}`));
  });
});

describe('users list items', () => {
  it('should describe each listed user as the user page does, in every way a page is found (the database builds the JSON)', async () => {
    const post = (url: string, payload: object, headers: Record<string, string> = { cookie: t.adminCookie }) =>
      t.app.inject({ method: 'POST', url, headers, payload });
    const odd = await t.createUser({ email: 'odd@acme.test', name: 'Zoë "Q" \\ O’Brien 🚀\t', roleKey: 'viewer' });
    const tied = await t.createUser({ email: 'tied@acme.test', name: 'Tied Usage', status: 'deactivated' });
    const plain = await t.createUser({ email: 'plain@acme.test', name: 'Plain Person' });
    const [beta, alpha] = [(await post('/api/groups', { name: 'Beta team' })).json().id, (await post('/api/groups', { name: 'Alpha team' })).json().id];
    for (const group of [beta, alpha]) await post(`/api/groups/${group}/members`, { userIds: [odd, tied] });
    const token = (await post('/api/service-tokens', { name: 'usage' })).json().token;
    const event = (userId: string, id: string, type: string) => ({ id, userId, type, occurredAt: new Date(t.clock().getTime() - 3_600_000).toISOString() });
    const events = [event(odd, 'o1', 'sign_in'), event(odd, 'o2', 'chat_message'), event(odd, 'o3', 'chat_message')];
    // A tie between two types: the first by name is the top one.
    events.push(event(tied, 't1', 'sign_in'), event(tied, 't2', 'artifact_edited'));
    expect((await post('/api/usage/events', { events }, { authorization: `Bearer ${token}` })).json().accepted).toBe(events.length);

    const queries = ['sort=name', 'sort=email&order=desc', 'sort=last_active', 'search=acme.test', 'search=o', `groupId=${alpha}`, 'lastActive=7d&sort=name'];
    for (const query of queries) {
      const res = await t.app.inject({ method: 'GET', url: `/api/users?${query}`, headers: { cookie: t.adminCookie } });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = res.json();
      expect(
        Value.Errors(UserList, body).map((e) => `${e.instancePath}: ${e.message}`),
        query,
      ).toEqual([]);
      for (const item of body.items) {
        const detail = (await t.app.inject({ method: 'GET', url: `/api/users/${item.id}`, headers: { cookie: t.adminCookie } })).json();
        const { id, name, email, status, role, groups, lastActiveAt, createdAt, provisionedBy, usage } = detail;
        expect(item, query).toEqual({ id, name, email, status, role: { id: role.id, name: role.name }, groups, lastActiveAt, createdAt, provisionedBy, usage });
      }
    }
    const byId = new Map((await list('sort=name&status=deactivated')).items.map((u) => [u.id, u]));
    expect(byId.get(tied)).toMatchObject({ usage: { events30d: 2, topType: 'artifact_edited' }, groups: [{ name: 'Alpha team' }, { name: 'Beta team' }] });
    const all = new Map((await list('sort=name')).items.map((u) => [u.id, u]));
    expect(all.get(odd)).toMatchObject({ name: 'Zoë "Q" \\ O’Brien 🚀\t', usage: { events30d: 3, topType: 'chat_message' } });
    expect(all.get(plain)).toMatchObject({ groups: [], usage: { events30d: 0, topType: null } });
  });
});
