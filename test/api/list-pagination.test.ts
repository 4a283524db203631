// Every list route answers in keyset pages ({ items, nextCursor }, `limit` 1–200, default 50): walking
// the pages two at a time gives every item exactly once, in the same order as one big page, and a
// cursor the server did not write is a 400 INVALID_CURSOR, never a 500 or a silent first page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

type Item = Record<string, any>;

async function get(url: string, cookie = t.adminCookie) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[]; nextCursor: string | null }>();
}

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

/** Every item, walking pages of two; asserts it matches one page of 200. */
async function walk(url: string, idOf: (item: Item) => string, cookie = t.adminCookie): Promise<string[]> {
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(withQuery(url, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), cookie);
    expect(page.items.length).toBeLessThanOrEqual(2);
    walked.push(...page.items.map(idOf));
    cursor = page.nextCursor;
  } while (cursor);
  const whole = await get(withQuery(url, 'limit=200'), cookie);
  expect(whole.nextCursor).toBeNull();
  expect(walked).toEqual(whole.items.map(idOf));
  expect(new Set(walked).size).toBe(walked.length);
  return walked;
}

async function refusesBadPages(url: string, cookie = t.adminCookie) {
  const bad = await t.app.inject({ method: 'GET', url: withQuery(url, 'cursor=bm90LWEtY3Vyc29y'), headers: { cookie } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.code).toBe('INVALID_CURSOR');
  const tooMany = await t.app.inject({ method: 'GET', url: withQuery(url, 'limit=201'), headers: { cookie } });
  expect(tooMany.statusCode).toBe(400);
}

async function post(url: string, payload: object, cookie = t.adminCookie) {
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<Item>();
}

const byId = (item: Item) => item.id as string;

describe('list routes page with keyset cursors', () => {
  it('should page a group’s members by name then id, the detail holding only the first 50 with the cursor of the rest', async () => {
    const group = await post('/api/groups', { name: 'Crowd' });
    const userIds: string[] = [];
    // Same names: the id decides their order, so no member is skipped or repeated between pages.
    for (let i = 0; i < 53; i++) userIds.push(await t.createUser({ email: `p${i}@acme.test`, name: i % 2 ? 'Sam Same' : `Person ${i % 7}` }));
    await post(`/api/groups/${group.id}/members`, { userIds });

    const detail = await get(`/api/groups/${group.id}`);
    expect(detail).toMatchObject({ memberCount: 53 });
    const first = detail as unknown as { members: Item[]; membersNextCursor: string | null };
    expect(first.members).toHaveLength(50);
    const rest = await get(`/api/groups/${group.id}/members?cursor=${encodeURIComponent(first.membersNextCursor!)}`);
    expect(rest).toMatchObject({ nextCursor: null });
    expect([...first.members, ...rest.items].map(byId).sort()).toEqual([...userIds].sort());

    const walked = await walk(`/api/groups/${group.id}/members`, byId);
    expect(walked.slice(0, 50)).toEqual(first.members.map(byId));
    await refusesBadPages(`/api/groups/${group.id}/members`);
    const other = await t.newOrganization('Other', 'admin@other.test');
    expect((await t.app.inject({ method: 'GET', url: `/api/groups/${group.id}/members`, headers: { cookie: other.adminCookie } })).statusCode).toBe(404);
  });

  it('should page roles: system roles first, then custom ones by name', async () => {
    for (const name of ['Zeta editors', 'Alpha auditors', 'Mid reviewers']) await post('/api/roles', { name, permissions: ['users.view'] });
    const walked = await walk('/api/roles', byId);
    const roles = (await get('/api/roles?limit=200')).items;
    const firstCustom = roles.findIndex((r) => !r.system);
    expect(roles.slice(firstCustom).every((r) => !r.system)).toBe(true);
    expect(roles.slice(firstCustom).map((r) => r.name)).toEqual(['Alpha auditors', 'Mid reviewers', 'Zeta editors']);
    expect(walked).toHaveLength(roles.length);
    await refusesBadPages('/api/roles');
  });

  it('should page alert assignees by name', async () => {
    for (const name of ['Cleo', 'Bo', 'Bo'])
      await t.createUser({ email: `${name.toLowerCase()}${Math.random()}@acme.test`, name, roleKey: 'security_reviewer' });
    expect(await walk('/api/security/alerts/assignees', byId)).toHaveLength(4);
    await refusesBadPages('/api/security/alerts/assignees');
  });

  it('should page access-review snapshots, campaigns and my review items', async () => {
    for (let i = 0; i < 3; i++) await post('/api/access-reviews/snapshots', { dormantDays: 30 + i });
    expect(await walk('/api/access-reviews/snapshots', byId)).toHaveLength(3);
    await refusesBadPages('/api/access-reviews/snapshots');

    const reviewer = await t.createUser({ email: 'rita@acme.test', name: 'Rita', roleKey: 'security_reviewer' });
    for (let i = 0; i < 4; i++) await t.createUser({ email: `m${i}@acme.test`, name: `Member ${i}` });
    const dueAt = new Date(t.clock().getTime() + 7 * 86_400_000).toISOString();
    for (const name of ['Q1', 'Q2', 'Q3'])
      await post('/api/access-reviews/campaigns', { name, scope: { type: 'all' }, reviewers: { mode: 'user', userId: reviewer }, dueAt });
    expect(await walk('/api/access-reviews/campaigns', byId)).toHaveLength(3);
    await refusesBadPages('/api/access-reviews/campaigns');

    const rita = await t.signInAs(reviewer);
    const mine = await walk('/api/access-reviews/my-items', byId, rita);
    // Six people in each of three campaigns; Rita's own access goes to the fallback reviewer, not to her.
    expect(mine).toHaveLength(3 * 5);
    await refusesBadPages('/api/access-reviews/my-items', rita);
  });

  it('should page a user’s Workspaces and my own by name', async () => {
    for (const name of ['Delta', 'Alpha', 'Charlie', 'Alpha']) await post('/api/workspaces', { name, type: 'collaborative' });
    const walked = await walk(`/api/users/${t.org.adminUserId}/workspaces`, (w) => w.workspace.id as string);
    expect(walked.length).toBeGreaterThanOrEqual(4);
    expect(await walk('/api/account/workspaces', (w) => w.workspace.id as string)).toEqual(walked);
    await refusesBadPages('/api/account/workspaces');
  });

  it('should page deleted users in the restore period, soonest purge first', async () => {
    const purgeAfter = new Date(t.clock().getTime() + 30 * 86_400_000).toISOString();
    for (let i = 0; i < 5; i++) {
      const id = await t.createUser({ email: `gone${i}@acme.test`, name: `Gone ${i}` });
      // Two share a purge time: the id keeps their order between pages.
      const at = i < 2 ? purgeAfter : new Date(t.clock().getTime() + (10 + i) * 86_400_000).toISOString();
      await t.deps.db
        .updateTable('users')
        .set({ status: 'deleted', deleted_at: t.clock().toISOString(), purge_after: at, tombstone: '{}' })
        .where('id', '=', id)
        .execute();
    }
    const walked = await walk('/api/deleted-users/restorable', byId);
    expect(walked).toHaveLength(5);
    const items = (await get('/api/deleted-users/restorable?limit=200')).items;
    expect(items.map((u) => u.restoreUntil)).toEqual(items.map((u) => u.restoreUntil as string).sort());
    await refusesBadPages('/api/deleted-users/restorable');
  });

  it('should page the local mailbox, newest first', async () => {
    await post('/api/invitations', { entries: ['a', 'b', 'c'].map((x) => ({ email: `${x}@acme.test` })) });
    const walked = await walk('/api/mailbox', byId);
    expect(walked.length).toBeGreaterThanOrEqual(3);
    expect([...walked].sort().reverse()).toEqual(walked);
    await refusesBadPages('/api/mailbox');
  });
});
