import fc from 'fast-check';
import { propertyOptions } from '../../../../test/helpers/property.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { USAGE_EVENT_TYPES } from '../../../contracts/usage.js';
import { purgeExpiredUsage } from './usage.retention.js';

const DAY = 86_400_000;
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function serviceToken(cookie = t.adminCookie): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie }, payload: { name: 'usage-collector' } });
  expect(res.statusCode).toBe(201);
  return res.json().token;
}

function post(token: string, events: unknown[]) {
  return t.app.inject({ method: 'POST', url: '/api/usage/events', headers: { authorization: `Bearer ${token}` }, payload: { events } });
}

function get(url: string, cookie = t.adminCookie) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

const at = (msAgo: number) => new Date(t.clock().getTime() - msAgo).toISOString();

describe('usage ingestion', () => {
  it('should keep the valid events of a batch and reject each invalid one with its own reason', async () => {
    const token = await serviceToken();
    const userId = await t.createUser({ email: 'ann@acme.test', name: 'Ann' });
    const res = await post(token, [
      { id: 'e1', userId, type: 'chat_message', occurredAt: at(60_000), quantity: 120 },
      { id: 'e2', email: 'ANN@acme.test', type: 'artifact_created', occurredAt: at(30_000), workspaceId: 'w1', itemId: 'doc-9' },
      { id: 'e3', userId, type: 'teleport', occurredAt: at(0) },
      { id: 'e4', userId, type: 'sign_in', occurredAt: 'yesterday' },
      { id: 'e5', type: 'sign_in', occurredAt: at(0) },
      { id: 'e6', userId: 'no-such-user', type: 'sign_in', occurredAt: at(0) },
      { id: 'e7', userId, type: 'sign_in', occurredAt: at(-DAY) },
      { id: 'e8', userId, type: 'sign_in', occurredAt: at(91 * DAY) },
      { id: 'e9', userId, type: 'chat_message', occurredAt: at(0), quantity: -3 },
      { id: '', userId, type: 'chat_message', occurredAt: at(0) },
      'not an event',
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [2, 'UNKNOWN_TYPE'],
      [3, 'INVALID_OCCURRED_AT'],
      [4, 'USER_REQUIRED'],
      [5, 'USER_NOT_FOUND'],
      [6, 'OCCURRED_AT_IN_FUTURE'],
      [7, 'OUTSIDE_RETENTION'],
      [8, 'INVALID_QUANTITY'],
      [9, 'INVALID_ID'],
      [10, 'INVALID_EVENT'],
    ]);
    expect(body.rejected[0]).toMatchObject({ id: 'e3', message: expect.stringContaining('chat_message') });

    const trend = (await get(`/api/users/${userId}/usage?days=30`)).json();
    expect(trend.hasData).toBe(true);
    expect(trend.totals.find((x: { type: string }) => x.type === 'chat_message')).toMatchObject({ events: 1, quantity: 120 });
    expect(trend.totals.find((x: { type: string }) => x.type === 'artifact_created')).toMatchObject({ events: 1 });
    const user = (await get(`/api/users/${userId}`)).json();
    expect(user.lastActiveAt).toBe(at(30_000));
  });

  it('should move "Last sign-in" forward with the sign-ins other services report, and never back', async () => {
    const token = await serviceToken();
    const userId = await t.createUser({ email: 'sid@acme.test' });
    await t.deps.db
      .updateTable('users')
      .set({ last_sign_in_at: at(80 * DAY) })
      .where('id', '=', userId)
      .execute();
    expect((await post(token, [{ id: 's1', userId, type: 'sign_in', occurredAt: at(2 * DAY) }])).json().accepted).toBe(1);
    expect((await get(`/api/users/${userId}`)).json().lastSignInAt).toBe(at(2 * DAY));
    // An older sign-in arriving late, and other activity, leave it alone.
    await post(token, [
      { id: 's0', userId, type: 'sign_in', occurredAt: at(5 * DAY) },
      { id: 'c1', userId, type: 'chat_message', occurredAt: at(DAY) },
    ]);
    const user = (await get(`/api/users/${userId}`)).json();
    expect(user.lastSignInAt).toBe(at(2 * DAY));
    expect(user.lastActiveAt).toBe(at(DAY));
  });

  it('should store an event once however often it is sent, and count repeats as duplicates', async () => {
    const token = await serviceToken();
    const userId = await t.createUser({ email: 'ben@acme.test' });
    const batch = [
      { id: 'a', userId, type: 'chat_message', occurredAt: at(1000), quantity: 5 },
      { id: 'b', userId, type: 'chat_message', occurredAt: at(2000), quantity: 7 },
      { id: 'a', userId, type: 'chat_message', occurredAt: at(1000), quantity: 5 },
    ];
    expect((await post(token, batch)).json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect((await post(token, batch)).json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    const trend = (await get(`/api/users/${userId}/usage`)).json();
    expect(trend.days).toBe(30);
    expect(trend.totals.find((x: { type: string }) => x.type === 'chat_message')).toMatchObject({ events: 2, quantity: 12 });
    expect(trend.totalEvents).toBe(2);
  });

  it('should refuse calls without a valid service token, empty or oversized batches', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/usage/events', payload: { events: [] } })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/usage/events', headers: { authorization: 'Bearer sst_nope' }, payload: { events: [{}] } })).statusCode,
    ).toBe(401);
    // A session cookie is not a service token.
    expect((await t.app.inject({ method: 'POST', url: '/api/usage/events', headers: { cookie: t.adminCookie }, payload: { events: [{}] } })).statusCode).toBe(
      401,
    );
    const token = await serviceToken();
    const empty = await post(token, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const big = await post(
      token,
      Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })),
    );
    expect(big.statusCode).toBe(400);
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/usage/events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('should reject events about another organization’s users and never show one organization’s usage to another', async () => {
    const ourUser = await t.createUser({ email: 'carl@acme.test' });
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const theirToken = await serviceToken(globex.adminCookie);
    const res = await post(theirToken, [
      { id: 'g1', userId: ourUser, type: 'chat_message', occurredAt: at(0) },
      { id: 'g2', email: 'carl@acme.test', type: 'chat_message', occurredAt: at(0) },
    ]);
    expect(res.json().accepted).toBe(0);
    expect(res.json().rejected.map((r: { code: string }) => r.code)).toEqual(['USER_NOT_FOUND', 'USER_NOT_FOUND']);

    // Same event id in two organizations: independent.
    const ourToken = await serviceToken();
    expect((await post(ourToken, [{ id: 'g1', userId: ourUser, type: 'chat_message', occurredAt: at(0) }])).json().accepted).toBe(1);
    expect((await post(theirToken, [{ id: 'g1', userId: globex.adminUserId, type: 'chat_message', occurredAt: at(0) }])).json().accepted).toBe(1);

    for (const path of ['activity', 'usage']) {
      const cross = await get(`/api/users/${ourUser}/${path}`, globex.adminCookie);
      expect(cross.statusCode).toBe(404);
    }
    const overview = (await get('/api/usage/overview', globex.adminCookie)).json();
    expect(overview.active.day.current).toBe(1);
    expect(overview.totalEvents30d).toBe(1);
  });

  it('should hide activity and usage from roles without “View activity and usage”', async () => {
    const member = await t.createUser({ email: 'dan@acme.test', roleKey: 'member' });
    const cookie = await t.signInAs(member);
    for (const url of [`/api/users/${member}/activity`, `/api/users/${member}/usage`, '/api/usage/overview', '/api/usage/inactive-users']) {
      const res = await get(url, cookie);
      expect(res.statusCode, url).toBe(403);
    }
    expect((await get(`/api/users/${member}/usage?days=7`)).statusCode).toBe(400);
  });
});

describe('user activity and trends', () => {
  it('should show an honest empty state for a user without usage', async () => {
    const userId = await t.createUser({ email: 'eve@acme.test' });
    const trend = (await get(`/api/users/${userId}/usage?days=90`)).json();
    expect(trend).toMatchObject({ days: 90, hasData: false, totalEvents: 0 });
    expect(trend.series).toHaveLength(90);
    expect(trend.series.every((p: Record<string, unknown>) => USAGE_EVENT_TYPES.every((type) => p[type] === 0))).toBe(true);
    expect((await get(`/api/users/${userId}/activity`)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('should zero-fill the trend per day and merge usage with audit events, newest first, page by page', async () => {
    const token = await serviceToken();
    const userId = await t.createUser({ email: 'fay@acme.test' });
    await post(token, [
      { id: 'u1', userId, type: 'chat_message', occurredAt: at(10 * DAY) },
      { id: 'u2', userId, type: 'chat_message', occurredAt: at(10 * DAY + 1000) },
      { id: 'u3', userId, type: 'orchestration_run', occurredAt: at(2 * DAY) },
      { id: 'u4', userId, type: 'workspace_visit', occurredAt: at(40 * DAY), workspaceId: 'ws-1' },
    ]);
    const roles = (await get('/api/roles')).json();
    const viewer = (roles.items ?? roles).find((r: { name: string }) => r.name === 'Viewer');
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${userId}/role`,
      headers: { cookie: t.adminCookie },
      payload: { roleId: viewer.id, reason: 'Read-only for now' },
    });
    expect(changed.statusCode).toBe(200);

    const trend30 = (await get(`/api/users/${userId}/usage?days=30`)).json();
    expect(trend30.series).toHaveLength(30);
    expect(trend30.to).toBe(t.clock().toISOString().slice(0, 10));
    const tenDaysAgo = at(10 * DAY).slice(0, 10);
    expect(trend30.series.find((p: { day: string }) => p.day === tenDaysAgo).chat_message).toBe(2);
    expect(trend30.totalEvents).toBe(3);
    const trend90 = (await get(`/api/users/${userId}/usage?days=90`)).json();
    expect(trend90.totalEvents).toBe(4);

    const first = (await get(`/api/users/${userId}/activity?limit=2`)).json();
    expect(first.items.map((i: { kind: string; type: string }) => `${i.kind}:${i.type}`)).toEqual(['audit:user.role_changed', 'usage:orchestration_run']);
    expect(first.items[0]).toMatchObject({
      label: 'Role changed to Viewer',
      reason: 'Read-only for now',
      actor: { label: expect.stringContaining('Alice Admin') },
    });
    const second = (await get(`/api/users/${userId}/activity?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(['u1', 'u2']);
    const third = (await get(`/api/users/${userId}/activity?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.items.map((i: { id: string }) => i.id)).toEqual(['u4']);
    expect(third.items[0]).toMatchObject({ label: 'Visited a Workspace', workspaceId: 'ws-1' });
    expect(third.nextCursor).toBeNull();
    expect((await get(`/api/users/${userId}/activity?cursor=garbage`)).json().error.code).toBe('INVALID_CURSOR');
  });
});

describe('users page support', () => {
  it('should filter users by last-active window and show a 30-day usage summary per user', async () => {
    const token = await serviceToken();
    const recent = await t.createUser({ email: 'recent@acme.test' });
    const month = await t.createUser({ email: 'month@acme.test' });
    const old = await t.createUser({ email: 'old@acme.test' });
    await t.createUser({ email: 'never@acme.test' });
    await post(token, [
      { id: 'r1', userId: recent, type: 'chat_message', occurredAt: at(DAY) },
      { id: 'r2', userId: recent, type: 'chat_message', occurredAt: at(2 * DAY) },
      { id: 'r3', userId: recent, type: 'sign_in', occurredAt: at(2 * DAY) },
      { id: 'm1', userId: month, type: 'artifact_edited', occurredAt: at(20 * DAY) },
      { id: 'o1', userId: old, type: 'sign_in', occurredAt: at(60 * DAY) },
    ]);
    const emails = async (lastActive: string) =>
      (await get(`/api/users?lastActive=${lastActive}&sort=email`)).json().items.map((u: { email: string }) => u.email);
    // The admin's own requests count as activity (last_active_at), so the admin appears among the recent.
    expect(await emails('7d')).toEqual(['admin@acme.test', 'recent@acme.test']);
    expect(await emails('30d')).toEqual(['admin@acme.test', 'month@acme.test', 'recent@acme.test']);
    expect(await emails('90d')).toEqual(['admin@acme.test', 'month@acme.test', 'old@acme.test', 'recent@acme.test']);
    expect(await emails('never')).toEqual(['never@acme.test']);
    expect((await get('/api/users?lastActive=1y')).statusCode).toBe(400);

    const list = (await get('/api/users?sort=email')).json();
    const byEmail = new Map(list.items.map((u: { email: string; usage: unknown }) => [u.email, u.usage]));
    expect(byEmail.get('recent@acme.test')).toEqual({ events30d: 3, topType: 'chat_message' });
    expect(byEmail.get('month@acme.test')).toEqual({ events30d: 1, topType: 'artifact_edited' });
    expect(byEmail.get('old@acme.test')).toEqual({ events30d: 0, topType: null });
  });
});

describe('organization overview', () => {
  it('should count active users per day, week and month, rank event types and list inactive accounts', async () => {
    // Sunday 2026-11-29 09:00 UTC: the ISO week began Monday 2026-11-23.
    const token = await serviceToken();
    const a = await t.createUser({ email: 'a@acme.test' });
    const b = await t.createUser({ email: 'b@acme.test' });
    t.clock.advance(-40 * DAY);
    const stale = await t.createUser({ email: 'stale@acme.test' });
    const idle = await t.createUser({ email: 'idle@acme.test' });
    await t.createUser({ email: 'gone@acme.test', status: 'deactivated' });
    t.clock.advance(40 * DAY);
    await post(token, [
      { id: '1', userId: a, type: 'chat_message', occurredAt: at(1000) },
      { id: '2', userId: a, type: 'chat_message', occurredAt: at(2000) },
      { id: '3', userId: b, type: 'chat_message', occurredAt: at(3 * DAY) }, // Thursday: this week
      { id: '4', userId: b, type: 'sequence_run', occurredAt: at(8 * DAY) }, // last week, this month
      { id: '5', userId: stale, type: 'sign_in', occurredAt: at(35 * DAY) }, // October
    ]);
    const o = (await get('/api/usage/overview?inactiveDays=30')).json();
    // On a Sunday the week is whole; 29 days of November against 1–29 October.
    expect(o.active).toEqual({
      day: { current: 1, previous: 0 },
      week: { current: 2, previous: 1, previousDays: 7, previousPeriodDays: 7 },
      month: { current: 2, previous: 1, previousDays: 29, previousPeriodDays: 31 },
    });
    expect(o.trend.daily).toHaveLength(30);
    expect(o.trend.weekly).toHaveLength(12);
    expect(o.trend.monthly.slice(-2)).toEqual([
      { periodStart: '2026-10-01', activeUsers: 1 },
      { periodStart: '2026-11-01', activeUsers: 2 },
    ]);
    expect(o.topTypes.map((x: { type: string; events: number }) => [x.type, x.events])).toEqual([
      ['chat_message', 3],
      ['sequence_run', 1],
    ]);
    expect(o.inactive).toMatchObject({ days: 30, count: 2 });

    const inactive = (await get('/api/usage/inactive-users?days=30&limit=1')).json();
    expect(inactive.total).toBe(2);
    expect(inactive.items.map((u: { email: string }) => u.email)).toEqual(['idle@acme.test']); // never active first
    const next = (await get(`/api/usage/inactive-users?days=30&limit=1&cursor=${inactive.nextCursor}`)).json();
    expect(next.items.map((u: { email: string; lastActiveAt: string }) => [u.email, u.lastActiveAt])).toEqual([['stale@acme.test', at(35 * DAY)]]);
    expect(next.nextCursor).toBeNull();
    void idle;
  });
});

describe('retention', () => {
  it('should purge raw events past the retention window while the trend keeps its rollups', async () => {
    const token = await serviceToken();
    const userId = await t.createUser({ email: 'gil@acme.test' });
    await post(token, [
      { id: 'old', userId, type: 'chat_message', occurredAt: at(20 * DAY) },
      { id: 'new', userId, type: 'chat_message', occurredAt: at(DAY) },
    ]);
    const settings = await t.app.inject({ method: 'PUT', url: '/api/usage/settings', headers: { cookie: t.adminCookie }, payload: { retentionDays: 10 } });
    expect(settings.json()).toEqual({ retentionDays: 10 });
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/usage/settings', headers: { cookie: t.adminCookie }, payload: { retentionDays: 1 } })).statusCode,
    ).toBe(400);

    expect(await purgeExpiredUsage(t.deps)).toEqual({ events: 1 });
    expect(await purgeExpiredUsage(t.deps)).toEqual({ events: 0 });
    const feed = (await get(`/api/users/${userId}/activity`)).json();
    expect(feed.items.filter((i: { kind: string }) => i.kind === 'usage').map((i: { id: string }) => i.id)).toEqual(['new']);
    expect((await get(`/api/users/${userId}/usage`)).json().totalEvents).toBe(2);
    // A purged event cannot come back: it is outside the window now.
    const again = await post(token, [{ id: 'old', userId, type: 'chat_message', occurredAt: at(20 * DAY) }]);
    expect(again.json().rejected[0].code).toBe('OUTSIDE_RETENTION');
    const history = (await get('/api/audit-events')).json().items.map((e: { action: string }) => e.action);
    expect(history).toContain('usage.retention_changed');
  });
});

describe('rollups', () => {
  const eventArb = fc.record({
    id: fc.integer({ min: 0, max: 40 }).map((n) => `ev-${n}`),
    user: fc.integer({ min: 0, max: 2 }),
    type: fc.constantFrom(...USAGE_EVENT_TYPES),
    minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 50 }),
    quantity: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  });

  it('should equal a recomputation from the raw events for any stream of batches', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(eventArb, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const org = await t.newOrganization(`Org ${run}`, `root${run}@org${run}.test`);
        run++;
        const token = await serviceToken(org.adminCookie);
        const users: string[] = [];
        for (let i = 0; i < 3; i++) users.push(await t.createUser({ email: `u${i}-${run}@x.test`, organizationId: org.organizationId }));
        for (const batch of batches) {
          const res = await post(
            token,
            batch.map((e) => ({ id: e.id, userId: users[e.user], type: e.type, occurredAt: at(e.minutesAgo * 60_000), quantity: e.quantity })),
          );
          expect(res.statusCode).toBe(200);
        }
        const db = t.deps.db;
        const orgId = org.organizationId;
        const raw = await db.selectFrom('usage_events').selectAll().where('organization_id', '=', orgId).execute();
        expect(raw.length).toBe(new Set(batches.flat().map((e) => e.id)).size);

        const daily = new Map<string, [number, number]>();
        const orgDaily = new Map<string, [number, number]>();
        const active = new Map<string, Set<string>>();
        const newest = new Map<string, string>();
        const monday = (day: string) => {
          const d = new Date(`${day}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
          return d.toISOString().slice(0, 10);
        };
        for (const e of raw) {
          const day = e.occurred_at.slice(0, 10);
          const q = Number(e.quantity);
          const k = `${e.user_id}|${day}|${e.type}`;
          daily.set(k, [(daily.get(k)?.[0] ?? 0) + 1, (daily.get(k)?.[1] ?? 0) + q]);
          const ok = `${day}|${e.type}`;
          orgDaily.set(ok, [(orgDaily.get(ok)?.[0] ?? 0) + 1, (orgDaily.get(ok)?.[1] ?? 0) + q]);
          for (const p of [`day|${day}`, `week|${monday(day)}`, `month|${day.slice(0, 7)}-01`]) active.set(p, (active.get(p) ?? new Set()).add(e.user_id));
          if ((newest.get(e.user_id) ?? '') < e.occurred_at) newest.set(e.user_id, e.occurred_at);
        }
        const storedDaily = await db.selectFrom('usage_daily').selectAll().where('organization_id', '=', orgId).execute();
        expect(new Map(storedDaily.map((r) => [`${r.user_id}|${r.day}|${r.type}`, [Number(r.events), Number(r.quantity)]]))).toEqual(daily);
        const storedOrg = await db.selectFrom('usage_org_daily').selectAll().where('organization_id', '=', orgId).execute();
        expect(new Map(storedOrg.map((r) => [`${r.day}|${r.type}`, [Number(r.events), Number(r.quantity)]]))).toEqual(orgDaily);
        const storedActive = await db.selectFrom('usage_org_active').selectAll().where('organization_id', '=', orgId).execute();
        expect(new Map(storedActive.map((r) => [`${r.period}|${r.period_start}`, Number(r.active_users)]))).toEqual(
          new Map([...active].map(([k, s]) => [k, s.size])),
        );
        const lastActive = await db.selectFrom('users').select(['id', 'last_active_at']).where('id', 'in', users).execute();
        for (const u of lastActive) expect(u.last_active_at).toBe(newest.get(u.id) ?? null);
      }),
      propertyOptions('usage rollups equal a recount', 25),
    );
  }, 120_000);
});

describe('the overview compares equal periods', () => {
  it('should compare this week so far with the same days of last week, not all of it', async () => {
    const token = await serviceToken();
    const users = await Promise.all(['a', 'b', 'c', 'd'].map((n) => t.createUser({ email: `${n}@acme.test` })));
    // From Sunday 29 November 09:00 to Wednesday 2 December 12:00 UTC: this week so far is Monday to Wednesday (3 days).
    t.clock.set(new Date('2026-12-02T12:00:00Z'));
    const events = [
      // Last week: a on Monday, b on Wednesday (in the first 3 days); c and d on Friday (outside them).
      { userId: users[0], occurredAt: '2026-11-23T09:00:00Z' },
      { userId: users[1], occurredAt: '2026-11-25T09:00:00Z' },
      { userId: users[2], occurredAt: '2026-11-27T09:00:00Z' },
      { userId: users[3], occurredAt: '2026-11-27T10:00:00Z' },
      // This week: a on Tuesday.
      { userId: users[0], occurredAt: '2026-12-01T09:00:00Z' },
    ].map((e, i) => ({ id: `w${i}`, type: 'sign_in', ...e }));
    expect((await post(token, events)).json().accepted).toBe(5);
    const overview = (await get('/api/usage/overview', await t.signInAs(t.org.adminUserId))).json();
    expect(overview.active.week).toEqual({ current: 1, previous: 2, previousDays: 3, previousPeriodDays: 7 });
    // The month: 1–2 December against 1–2 November (nobody was active then).
    expect(overview.active.month).toEqual({ current: 1, previous: 0, previousDays: 2, previousPeriodDays: 30 });
    // The weekly trend still counts last week whole.
    expect(overview.trend.weekly.at(-2)).toEqual({ periodStart: '2026-11-23', activeUsers: 4 });
  });
});
