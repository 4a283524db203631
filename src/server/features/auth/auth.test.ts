import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, linkIn, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function requestLink(email: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email } });
}

async function verify(token: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } });
}

describe('magic-link sign-in', () => {
  it('should email a single-use link that opens a session', async () => {
    const answer = await requestLink('  ADMIN@acme.test ');
    expect(answer.statusCode).toBe(202);
    const [mail] = await t.mailTo('admin@acme.test');
    expect(mail.subject).toContain('Acme Corp');
    const { token } = linkIn(mail.text, '/sign-in/verify');

    const signedIn = await verify(token);
    expect(signedIn.statusCode).toBe(200);
    const cookie = signedIn.cookies.find((c) => c.name === 'sofie_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { sofie_session: cookie.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('admin@acme.test');
    expect(me.json().permissions).toContain('users.invite');

    const again = await verify(token);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('LINK_USED');
  });

  it('should name the person as the actor of their own sign-in, so Events finds it by actor', async () => {
    await requestLink('admin@acme.test');
    const { token } = linkIn((await t.mailTo('admin@acme.test'))[0].text, '/sign-in/verify');
    expect((await verify(token)).statusCode).toBe(200);
    const events = await t.app.inject({
      method: 'GET',
      url: `/api/audit-events?actorId=${t.org.adminUserId}&category=auth`,
      headers: { cookie: t.adminCookie },
    });
    expect(events.json().items.find((e: { action: string }) => e.action === 'auth.signed_in')).toMatchObject({
      actor: { id: t.org.adminUserId, label: expect.stringContaining('<admin@acme.test>') },
      subject: { id: t.org.adminUserId },
    });
  });

  it('should answer the same whether or not the address exists, and send nothing for unknown ones', async () => {
    const known = await requestLink('admin@acme.test');
    const unknown = await requestLink('nobody@acme.test');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json()).toEqual(known.json());
    expect(await t.mailTo('nobody@acme.test')).toHaveLength(0);
  });

  it('should refuse a link older than 15 minutes', async () => {
    await requestLink('admin@acme.test');
    const { token } = linkIn((await t.mailTo('admin@acme.test'))[0].text, '/sign-in/verify');
    t.clock.advance(15 * 60_000 + 1);
    const res = await verify(token);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LINK_EXPIRED');
  });

  it('should store only a hash of the token', async () => {
    await requestLink('admin@acme.test');
    const { token } = linkIn((await t.mailTo('admin@acme.test'))[0].text, '/sign-in/verify');
    const rows = await t.deps.db.selectFrom('magic_links').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should send no link to a deactivated account', async () => {
    await t.createUser({ email: 'gone@acme.test', status: 'deactivated' });
    await requestLink('gone@acme.test');
    expect(await t.mailTo('gone@acme.test')).toHaveLength(0);
  });

  it('should reject a malformed address with a clear 400', async () => {
    const res = await requestLink('not-an-email');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_EMAIL', message: expect.stringContaining('valid email') });
  });

  it('should rate limit sign-in requests', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await requestLink(`someone${i}@acme.test`)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes[11]).toBe(429);
  });
});

describe('who am I', () => {
  it('should tell every signed-in user whether a business reason is required and how long invitations last, and no other setting', async () => {
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: { cookie: t.adminCookie },
      payload: { businessReasonRequired: true, invitationExpiryDays: 10, allowedEmailDomains: ['acme.test'], reason: 'Audit findings' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const viewer = await t.signInAs(await t.createUser({ email: 'viewer@acme.test', roleKey: 'viewer' }));
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: viewer } });
    expect(me.statusCode).toBe(200);
    expect(me.json().organization).toEqual({ id: t.org.organizationId, name: 'Acme Corp', businessReasonRequired: true, invitationExpiryDays: 10 });
    expect(me.json().permissions).toEqual(['workspaces.view']);
  });
});

describe('sessions', () => {
  it('should answer 401 when signed out and after sign-out', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: t.adminCookie } });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.adminCookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('should end a session after the absolute lifetime', async () => {
    t.clock.advance(24 * 3_600_000 + 1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.adminCookie } });
    expect(res.statusCode).toBe(401);
  });

  it('should refuse a state-changing request from another origin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: t.adminCookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CROSS_ORIGIN');
  });
});
