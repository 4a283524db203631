import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { buildTestApp, linkIn, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Signs in through a real magic link, with the given forwarding headers, and returns the IP the session shows. */
async function sessionIpSeenAs(app: TestApp, remoteAddress: string, forwardedFor: string): Promise<string | null> {
  await app.app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress, payload: { email: 'admin@acme.test' } });
  await app.deliverMail();
  const mail = (await app.mailTo('admin@acme.test')).pop()!;
  const { token } = linkIn(mail.text, '/sign-in/verify');
  const signedIn = await app.app.inject({
    method: 'POST',
    url: '/api/auth/magic-link/verify',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { token },
  });
  expect(signedIn.statusCode, signedIn.body).toBe(200);
  const cookie = `sofie_session=${signedIn.cookies.find((c) => c.name === 'sofie_session')!.value}`;
  const sessions = await app.app.inject({ method: 'GET', url: '/api/account/sessions', headers: { cookie } });
  return (sessions.json().items as { current: boolean; ip: string | null }[]).find((s) => s.current)!.ip;
}

describe('TRUST_PROXY', () => {
  it('should accept a hop count or a list of proxies, and refuse "true" (which would trust every client)', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.5']);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'the load balancer' })).toThrow(/hop count or a comma-separated list/);
  });

  it('should take the address the trusted proxy saw, not one the client wrote before it', async () => {
    t = await buildTestApp({ config: { trustProxy: 1 } });
    // The client forged "127.0.0.1"; the load balancer appended the address it really came from.
    expect(await sessionIpSeenAs(t, '10.0.0.2', '127.0.0.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('should believe X-Forwarded-For only from the listed proxies', async () => {
    t = await buildTestApp({ config: { trustProxy: ['10.0.0.0/8'] } });
    expect(await sessionIpSeenAs(t, '10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    expect(await sessionIpSeenAs(t, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
  });

  it('should rate-limit sign-in by the real client however the client forges X-Forwarded-For', async () => {
    t = await buildTestApp({ config: { trustProxy: 1 } });
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': `198.18.${i}.1, 203.0.113.8` },
        payload: { email: `nobody${i}@acme.test` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 202)).toHaveLength(10);
    expect(codes.slice(10).every((c) => c === 429)).toBe(true);
  });
});

describe('the local mailbox and the Host header', () => {
  it('should not answer a request that came through a proxy, whatever X-Forwarded-For says', async () => {
    t = await buildTestApp({ config: { trustProxy: 1 } });
    const res = await t.app.inject({ method: 'GET', url: '/api/mailbox', headers: { 'x-forwarded-for': '127.0.0.1, 198.51.100.7' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'MAILBOX_DISABLED', details: { reason: 'the request came through a proxy' } });
  });

  it('should not answer a page on another name that resolves to this machine (DNS rebinding)', async () => {
    t = await buildTestApp();
    const rebound = await t.app.inject({ method: 'GET', url: '/api/mailbox', headers: { host: 'evil.test:4103' } });
    expect(rebound.statusCode).toBe(404);
    expect(rebound.json().error.details).toEqual({ reason: 'this server does not answer to "evil.test"' });
    const own = await t.app.inject({ method: 'GET', url: '/api/mailbox', headers: { host: 'localhost:3000' } });
    expect(own.statusCode).toBe(200);
  });

  it('should refuse a state-changing request whose Origin is not PUBLIC_URL, even when Host agrees with it', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { cookie: t.adminCookie, host: 'evil.test:4103', origin: 'http://evil.test:4103' },
      payload: { name: 'Rebound' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CROSS_ORIGIN');
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { cookie: t.adminCookie, origin: 'http://localhost:3000' },
      payload: { name: 'Own' },
    });
    expect(own.statusCode).toBe(201);
  });
});
