import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connect, sessionCookieOf, ssoErrorOf, ssoSignIn, ssoWorld, throughIdp, type SsoWorld } from '../../../../test/helpers/sso.js';

let w: SsoWorld;
beforeEach(async () => {
  w = await ssoWorld();
  w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', email_verified: true, name: 'Bob Builder' });
});
afterEach(async () => w.close());

async function auditActions(action: string) {
  return w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();
}

describe('OIDC sign-in against a real identity provider', () => {
  it('should sign an existing user in and audit it as a sign-in via SSO with the connection', async () => {
    const bobId = await w.t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    const connectionId = await connect(w);
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user).toMatchObject({ id: bobId, email: 'bob@acme.test' });
    const [event] = (await auditActions('auth.signed_in')).filter((e) => e.subject_id === bobId);
    expect(JSON.parse(event.after!)).toMatchObject({ method: 'sso', connection: { id: connectionId, name: 'Acme IdP' } });
    const session = await w.t.deps.db.selectFrom('sessions').selectAll().where('user_id', '=', bobId).executeTakeFirstOrThrow();
    expect(session.auth_method).toBe('sso');
  });

  it('should never return the client secret, and store it sealed when SSO_SECRET_KEY is set', async () => {
    await w.close();
    w = await ssoWorld({}, { ssoSecretKey: randomBytes(32) });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const overview = await api(w.t, 'GET', '/api/sso');
    expect(overview.body).not.toContain(w.idp.clientSecret);
    expect(overview.json().connections[0]).toMatchObject({ clientSecretSet: true, preset: 'okta', issuer: w.idp.issuer });
    const stored = await w.t.deps.db.selectFrom('sso_connections').select('client_secret').executeTakeFirstOrThrow();
    expect(stored.client_secret).toMatch(/^gcm:/);
    expect(stored.client_secret).not.toContain(w.idp.clientSecret);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });

  it('should refuse an unknown address when just-in-time accounts are off, and create it with the default role when on', async () => {
    const connectionId = await connect(w);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('NO_ACCOUNT');

    expect((await api(w.t, 'PATCH', `/api/sso/connections/${connectionId}`, { jitEnabled: true })).statusCode).toBe(200);
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user).toMatchObject({ email: 'bob@acme.test', name: 'Bob Builder', roleName: 'Member' });
    const [created] = await auditActions('sso.user.created');
    expect(created.actor_label).toBe('SSO connection “Acme IdP”');
    expect(created.actor_user_id).toBeNull();
  });

  it('should create just-in-time accounts only on the organization’s allowed email domains, as invitations and SCIM do', async () => {
    await connect(w, { jitEnabled: true });
    const settings = await api(w.t, 'PATCH', '/api/organization/settings', { allowedEmailDomains: ['corp.acme.test'] });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('EMAIL_DOMAIN_NOT_ALLOWED');
    expect(await w.t.deps.db.selectFrom('users').select('id').where('email_normalized', '=', 'bob@acme.test').execute()).toHaveLength(0);
    expect(await auditActions('sso.user.created')).toHaveLength(0);

    // An account that already exists still signs in: the list governs new accounts.
    await w.t.createUser({ email: 'bob@acme.test' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });

  it('should accept a pending invitation instead of creating a second account', async () => {
    await connect(w, { jitEnabled: true });
    const invited = await api(w.t, 'POST', '/api/invitations', { entries: [{ email: 'bob@acme.test' }] });
    expect(invited.statusCode).toBeLessThan(300);
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    expect(ssoErrorOf(res)).toBeNull();
    const accounts = await w.t.deps.db.selectFrom('users').selectAll().where('email_normalized', '=', 'bob@acme.test').execute();
    expect(accounts).toHaveLength(1);
    expect(accounts[0].status).toBe('active');
    const invitation = await w.t.deps.db.selectFrom('invitations').selectAll().where('email_normalized', '=', 'bob@acme.test').executeTakeFirstOrThrow();
    expect(invitation.status).toBe('accepted');
    expect(await auditActions('sso.user.created')).toHaveLength(0);
  });

  it('should refuse a replayed callback, and a callback finished in another browser', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const round = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    expect(ssoErrorOf(await round.finish())).toBeNull();
    expect(ssoErrorOf(await round.finish())).toBe('STATE_INVALID');

    const other = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    expect(ssoErrorOf(await other.finish('sofie_sso_state=someone-elses'))).toBe('STATE_INVALID');
  });

  it('should refuse an ID token whose nonce is not this attempt’s', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    w.idp.tamper({ claims: (c) => ({ ...c, nonce: 'from-another-attempt' }) });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('NONCE_MISMATCH');
  });

  it('should refuse an attempt older than 10 minutes', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const round = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    w.t.clock.advance(10 * 60_000 + 1);
    expect(ssoErrorOf(await round.finish())).toBe('STATE_EXPIRED');
  });

  it.each([
    ['WRONG_AUDIENCE', { claims: (c: Record<string, unknown>) => ({ ...c, aud: 'another-app' }) }],
    ['WRONG_ISSUER', { claims: (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example' }) }],
    ['BAD_SIGNATURE', { foreignKey: true }],
    ['CLOCK_SKEW', { claims: (c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) + 600 }) }],
  ])('should refuse an ID token with %s', async (code, change) => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    w.idp.tamper(change);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe(code);
    expect(await w.t.deps.db.selectFrom('sessions').select('id').where('auth_method', '=', 'sso').execute()).toHaveLength(0);
  });

  it('should fetch the key set again when the identity provider rotates its signing key', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    // The key set is fetched again at most every 30 s (sso.oidc.ts): the rotation comes later than that.
    w.t.clock.advance(30_000);
    await w.idp.rotateKeys();
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });

  it('should refuse a deactivated account and an address outside the verified domains', async () => {
    await w.t.createUser({ email: 'bob@acme.test', status: 'deactivated' });
    w.idp.accounts.set('eve-sub', { email: 'eve@elsewhere.test', email_verified: true });
    await connect(w, { jitEnabled: true });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('ACCOUNT_INACTIVE');
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'eve-sub'))).toBe('EMAIL_NOT_ON_VERIFIED_DOMAIN');
  });
});

describe('bad answers from the identity provider', () => {
  it('should turn a refusal, a forged code and an unreachable issuer into readable 4xx codes', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const denied = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    const state = new URL(denied.callbackUrl, 'http://x').searchParams.get('state')!;
    const refused = await w.t.app.inject({
      method: 'GET',
      url: `/api/sso/oidc/callback?state=${state}&error=access_denied&error_description=User+cancelled`,
      headers: { cookie: `sofie_sso_state=${denied.stateCookie}` },
    });
    expect(ssoErrorOf(refused)).toBe('IDP_ERROR');

    const forged = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    const url = new URL(forged.callbackUrl, 'http://x');
    url.searchParams.set('code', 'not-a-code-the-idp-issued');
    const res = await w.t.app.inject({ method: 'GET', url: url.pathname + url.search, headers: { cookie: `sofie_sso_state=${forged.stateCookie}` } });
    expect(ssoErrorOf(res)).toBe('TOKEN_EXCHANGE_FAILED');

    const unreachable = await api(w.t, 'POST', '/api/sso/connections', {
      name: 'x',
      preset: 'okta',
      issuer: 'http://127.0.0.1:9',
      clientId: 'a',
      clientSecret: 'b',
    });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().error.code).toBe('DISCOVERY_FAILED');
  });
});

describe('an expired ID token', () => {
  it('should be refused by the clock, with the skew named', async () => {
    await w.close();
    w = await ssoWorld({ idTokenTtlSeconds: 60 });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const round = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    w.t.clock.advance(5 * 60_000);
    expect(ssoErrorOf(await round.finish())).toBe('ID_TOKEN_EXPIRED');
  });
});
