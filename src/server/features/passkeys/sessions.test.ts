import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function call(method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie, 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' },
    ...(payload ? { payload } : {}),
  });
}

async function setIdle(minutes: number | null) {
  await t.deps.db
    .updateTable('roles')
    .set({ idle_logout_minutes: minutes })
    .where('organization_id', '=', t.org.organizationId)
    .where('system_key', '=', 'member')
    .execute();
}

describe('Idle auto logout', () => {
  it('should end a session idle longer than the role allows, measured with the clock', async () => {
    await setIdle(15);
    const cookie = await t.signInAs(await t.createUser({ email: 'mia@acme.test' }));
    t.clock.advance(14 * 60_000);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(200); // activity resets the idle timer
    t.clock.advance(14 * 60_000);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1);
    const res = await call('GET', '/api/auth/me', cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    t.clock.advance(-60 * 60_000);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(401); // revoked for good
  });

  it('should keep an idle session when the role has no idle logout, until the absolute lifetime', async () => {
    await setIdle(null);
    const cookie = await t.signInAs(await t.createUser({ email: 'mia@acme.test' }));
    t.clock.advance(8 * 3_600_000);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(200);
    t.clock.advance(16 * 3_600_000);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
  });

  it('should report the idle limit on Account > Security', async () => {
    await setIdle(30);
    const cookie = await t.signInAs(await t.createUser({ email: 'mia@acme.test' }));
    expect((await call('GET', '/api/account/security', cookie)).json().idleLogoutMinutes).toBe(30);
  });
});

describe('Your sessions', () => {
  it('should list sessions with device, IP and last seen, and revoke one', async () => {
    const userId = await t.createUser({ email: 'mia@acme.test' });
    const a = await t.signInAs(userId);
    const b = await t.signInAs(userId);
    const list = (await call('GET', '/api/account/sessions', a)).json().items;
    expect(list).toHaveLength(2);
    expect(list.find((s: { current: boolean }) => !s.current)).toMatchObject({ device: 'vitest', ip: '127.0.0.1' });
    const other = list.find((s: { current: boolean }) => !s.current);
    expect((await call('DELETE', `/api/account/sessions/${other.id}`, a)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', b)).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', a)).statusCode).toBe(200);
  });

  it('should sign out every other session, and never another user’s', async () => {
    const userId = await t.createUser({ email: 'mia@acme.test' });
    const a = await t.signInAs(userId);
    const b = await t.signInAs(userId);
    const adminSessions = (await call('GET', '/api/account/sessions', t.adminCookie)).json().items;
    expect((await call('DELETE', `/api/account/sessions/${adminSessions[0].id}`, a)).statusCode).toBe(404);
    expect((await call('POST', '/api/account/sessions/revoke-others', a)).json().revoked).toBe(1);
    expect((await call('GET', '/api/auth/me', b)).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', t.adminCookie)).statusCode).toBe(200);
  });
});
