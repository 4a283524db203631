import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, linkIn, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const client = { remoteAddress: '198.51.100.23', headers: { 'user-agent': 'Sign-in test browser' } };

async function signInEvents(): Promise<{ action: string; ip: string; userAgent: string; requestId: string; after: unknown }[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/audit-events?category=auth&sort=oldest&limit=200', headers: { cookie: t.adminCookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('sign-in events in the audit log', () => {
  it('should record a link sent, used, refused when used again, and a sign-out, with where they came from', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' }, ...client });
    const { token } = linkIn((await t.mailTo('admin@acme.test'))[0].text, '/sign-in/verify');
    const used = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token }, ...client });
    expect(used.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token }, ...client });
    expect(again.json().error.code).toBe('LINK_USED');
    const cookie = `sofie_session=${/sofie_session=([^;]+)/.exec(String(used.headers['set-cookie']))![1]}`;
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, ...client.headers }, remoteAddress: client.remoteAddress }))
        .statusCode,
    ).toBe(200);

    const events = (await signInEvents()).filter((e) => e.ip === client.remoteAddress);
    expect(events.map((e) => e.action)).toEqual(['auth.magic_link_sent', 'auth.signed_in', 'auth.magic_link_failed', 'auth.signed_out']);
    expect(events[2].after).toEqual({ code: 'LINK_USED' });
    for (const e of events) expect(e).toMatchObject({ userAgent: 'Sign-in test browser', requestId: expect.any(String) });
  });

  it('should record once when an address’s sign-in requests hit the rate limit', async () => {
    for (let i = 0; i < 13; i++) await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' }, ...client });
    // The refusal is recorded beside the answer (the 429 does not wait for it).
    await expect.poll(async () => (await signInEvents()).filter((e) => e.action === 'auth.rate_limited').length).toBe(1);
    const actions = (await signInEvents()).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.magic_link_sent')).toHaveLength(10);
    expect(actions.filter((a) => a === 'auth.rate_limited')).toHaveLength(1);
  });
});
