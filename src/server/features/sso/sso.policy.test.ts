import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.js';
import { linkIn } from '../../../../test/helpers/test-app.js';
import { api, connect, sessionCookieOf, ssoErrorOf, ssoSignIn, ssoWorld, throughIdp, verifyDomain, type SsoWorld } from '../../../../test/helpers/sso.js';

let w: SsoWorld;
beforeEach(async () => {
  w = await ssoWorld();
  w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', name: 'Bob' });
  w.idp.accounts.set('admin-sub', { email: 'admin@acme.test', name: 'Alice Admin' });
});
afterEach(async () => w.close());

describe('verified domains', () => {
  it('should verify a domain only once its TXT record is published on the (local) DNS server', async () => {
    const claimed = await api(w.t, 'POST', '/api/sso/domains', { domain: 'Acme.TEST' });
    expect(claimed.statusCode).toBe(201);
    expect(claimed.json()).toMatchObject({ domain: 'acme.test', verifiedAt: null, txtRecord: expect.stringMatching(/^sofie-verification=/) });
    const early = await api(w.t, 'POST', `/api/sso/domains/${claimed.json().id}/verify`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('DOMAIN_TXT_NOT_FOUND');
    w.dns.txt.set('acme.test', ['v=spf1 -all', claimed.json().txtRecord]);
    const verified = await api(w.t, 'POST', `/api/sso/domains/${claimed.json().id}/verify`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verifiedAt).not.toBeNull();
  });

  it('should refuse a domain that another organization has already verified', async () => {
    expect((await verifyDomain(w, 'acme.test')).statusCode).toBe(200);
    const other = await w.t.newOrganization('Rival', 'boss@rival.test');
    const res = await verifyDomain(w, 'acme.test', other.adminCookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DOMAIN_TAKEN');
  });

  it('should claim a domain sent with no connection (null), as the console sends it', async () => {
    const claimed = await api(w.t, 'POST', '/api/sso/domains', { domain: 'beta.test', connectionId: null });
    expect(claimed.statusCode).toBe(201);
    expect(claimed.json()).toMatchObject({ domain: 'beta.test', connectionId: null });
  });

  it('should refuse a malformed domain with a 400', async () => {
    const res = await api(w.t, 'POST', '/api/sso/domains', { domain: 'not a domain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('DOMAIN_INVALID');
  });

  it('should route email-first sign-in to SSO only for addresses on a verified domain with a connection', async () => {
    const route = (email: string) => w.t.app.inject({ method: 'POST', url: '/api/sso/sign-in-route', payload: { email } }).then((r) => r.json());
    expect(await route('bob@acme.test')).toMatchObject({ method: 'email', magicLinkAllowed: true });
    await connect(w);
    expect(await route('Bob@Acme.test')).toMatchObject({ method: 'sso', connectionName: 'Acme IdP', url: '/api/sso/start?email=Bob%40Acme.test' });
    expect(await route('bob@elsewhere.test')).toMatchObject({ method: 'email' });
  });
});

describe('a domain routed to one of several connections', () => {
  it('should send its addresses to that connection, keep other organizations out of the routing, and audit it', async () => {
    const route = (email: string) => w.t.app.inject({ method: 'POST', url: '/api/sso/sign-in-route', payload: { email } }).then((r) => r.json());
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w);
    const beta = await connect(w, { name: 'Beta IdP' });
    // Two connections and no choice made: nothing to guess, the address continues by email.
    expect(await route('bob@acme.test')).toMatchObject({ method: 'email' });

    const domainId = (await api(w.t, 'GET', '/api/sso')).json().domains[0].id as string;
    const other = await w.t.newOrganization('Rival', 'boss@rival.test');
    const foreign = await api(w.t, 'PUT', `/api/sso/domains/${domainId}/connection`, { connectionId: beta }, other.adminCookie);
    expect(foreign.statusCode).toBe(404);
    const rivalIdp = { name: 'Rival IdP', preset: 'okta', issuer: w.idp.issuer, clientId: w.idp.clientId, clientSecret: w.idp.clientSecret };
    const rivals = (await api(w.t, 'POST', '/api/sso/connections', rivalIdp, other.adminCookie)).json().id as string;
    expect((await api(w.t, 'PUT', `/api/sso/domains/${domainId}/connection`, { connectionId: rivals })).statusCode).toBe(404);
    const routed = await api(w.t, 'PUT', `/api/sso/domains/${domainId}/connection`, { connectionId: beta });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(await route('bob@acme.test')).toMatchObject({ method: 'sso', connectionName: 'Beta IdP' });
    const routing = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.domain.routed').executeTakeFirstOrThrow();
    expect(JSON.parse(routing.after!)).toEqual({ connectionId: beta });

    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    const [event] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.signed_in').execute();
    expect(JSON.parse(event.after!)).toMatchObject({ method: 'sso', connection: { id: beta, name: 'Beta IdP' } });
  });
});

describe('presets', () => {
  it('should check the Entra tenant (tid) and refuse multi-tenant endpoints unless allowed', async () => {
    const common = await api(w.t, 'POST', '/api/sso/connections', {
      name: 'Entra',
      preset: 'entra',
      tenantId: 'common',
      issuer: w.idp.issuer,
      clientId: w.idp.clientId,
      clientSecret: w.idp.clientSecret,
    });
    expect(common.statusCode).toBe(422);
    expect(common.json().error.code).toBe('MULTI_TENANT_REFUSED');

    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w, { preset: 'entra', tenantId: 'tenant-a' });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', tid: 'tenant-b' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('WRONG_TENANT');
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', tid: 'tenant-a' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });

  it('should check the Google Workspace hosted domain (hd)', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w, { preset: 'google', hostedDomains: ['acme.test'] });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', hd: 'gmail.com' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('WRONG_HOSTED_DOMAIN');
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', hd: 'acme.test' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });

  it('should refuse a loopback issuer when SSO_ALLOW_LOOPBACK_ISSUERS is off', async () => {
    await w.close();
    w = await ssoWorld({}, { ssoAllowLoopbackIssuers: false });
    const res = await api(w.t, 'POST', '/api/sso/connections', { name: 'x', preset: 'okta', issuer: w.idp.issuer, clientId: 'a', clientSecret: 'b' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('ISSUER_NOT_ALLOWED');
  });
});

describe('Test connection', () => {
  it('should report the claims and the account they map to, or the error in plain words', async () => {
    const id = await connect(w);
    await (await throughIdp(w, { testConnection: id }, 'admin-sub')).finish();
    let test = (await api(w.t, 'GET', '/api/sso')).json().connections[0].lastTest;
    expect(test).toMatchObject({ ok: true, error: null, claims: { email: 'admin@acme.test' }, mapsTo: { kind: 'existing', email: 'admin@acme.test' } });

    w.idp.tamper({ claims: (c) => ({ ...c, aud: 'another-app' }) });
    const round = await throughIdp(w, { testConnection: id }, 'admin-sub');
    const back = await round.finish();
    expect(back.headers.location).toBe(`/sso/test-done?connection=${id}&ok=0`);
    test = (await api(w.t, 'GET', '/api/sso')).json().connections[0].lastTest;
    expect(test.ok).toBe(false);
    expect(test.error).toMatchObject({ code: 'WRONG_AUDIENCE', message: expect.stringContaining('another application') });
  });
});

describe('"Disable magic links when SSO is enabled"', () => {
  async function enable(breakGlassUserIds: string[] = []) {
    return api(w.t, 'PUT', '/api/sso/settings', { disableMagicLinks: true, breakGlassUserIds });
  }

  it('should be offered only after a passing test and an administrator’s SSO sign-in; then refuse magic links with a break-glass path', async () => {
    const id = await connect(w);
    await w.t.createUser({ email: 'bob@acme.test' });
    expect((await enable()).json().error.code).toBe('SSO_NOT_READY');
    await (await throughIdp(w, { testConnection: id }, 'admin-sub')).finish();
    expect((await enable()).json().error.code).toBe('SSO_NOT_READY');
    // Someone who is not an administrator signing in through it does not count.
    sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await enable()).json().error.code).toBe('SSO_NOT_READY');
    sessionCookieOf(await ssoSignIn(w, 'admin@acme.test', 'admin-sub'));

    // A break-glass administrator needs a passkey.
    const adminId = w.t.org.adminUserId;
    expect((await enable([adminId])).json().error.code).toBe('BREAK_GLASS_INVALID');
    const key = new SoftAuthenticator({ origin: 'http://localhost:3000', rpId: 'localhost' });
    const options = await api(w.t, 'POST', '/api/account/passkeys/registration-options');
    expect((await api(w.t, 'POST', '/api/account/passkeys', { credential: key.register(options.json().options) })).statusCode).toBeLessThan(300);
    const enabled = await enable([adminId]);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ disableMagicLinks: true, breakGlassUsers: [{ id: adminId }] });
    const [audit] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.settings.updated').execute();
    expect(JSON.parse(audit.after!)).toMatchObject({ disableMagicLinks: true, breakGlassUserIds: [adminId] });

    await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'bob@acme.test' } });
    expect(await w.t.mailTo('bob@acme.test')).toHaveLength(0);

    await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } });
    const [mail] = await w.t.mailTo('admin@acme.test');
    const verified = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link/verify',
      payload: { token: linkIn(mail.text, '/sign-in/verify').token },
    });
    expect(verified.statusCode).toBe(200);
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(verified));
    expect(me.json().passkeyGate).toBe('PASSKEY_VERIFICATION_REQUIRED');
    const breakGlass = sessionCookieOf(verified);
    // The override is audited at high risk, as its own sign-in method.
    const signIns = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.signed_in').where('subject_id', '=', adminId).execute();
    const override = signIns.find((e) => JSON.parse(e.after!).method === 'break_glass');
    expect(override).toMatchObject({ risk: 'high', reason: expect.stringContaining('Break-glass') });
    expect((await api(w.t, 'GET', '/api/users', undefined, breakGlass)).statusCode).toBe(403);
    // The passkey proven, the break-glass session works.
    const challenge = await api(w.t, 'POST', '/api/account/passkeys/verification-options', undefined, breakGlass);
    const proven = await api(w.t, 'POST', '/api/account/passkeys/verify', { credential: key.assert(challenge.json().options) }, breakGlass);
    expect(proven.statusCode).toBe(200);
    expect((await api(w.t, 'GET', '/api/users', undefined, breakGlass)).statusCode).toBe(200);
  });

  it('should stop the break-glass path of someone named while an administrator once they no longer are one', async () => {
    const id = await connect(w);
    await (await throughIdp(w, { testConnection: id }, 'admin-sub')).finish();
    await ssoSignIn(w, 'admin@acme.test', 'admin-sub');
    const carol = await w.t.createUser({ email: 'carol@acme.test', roleKey: 'admin' });
    const carolSession = await w.t.signInAs(carol);
    const key = new SoftAuthenticator({ origin: 'http://localhost:3000', rpId: 'localhost' });
    const options = await api(w.t, 'POST', '/api/account/passkeys/registration-options', undefined, carolSession);
    expect((await api(w.t, 'POST', '/api/account/passkeys', { credential: key.register(options.json().options) }, carolSession)).statusCode).toBe(201);
    expect((await enable([carol])).statusCode).toBe(200);
    await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'carol@acme.test' } });
    expect(await w.t.mailTo('carol@acme.test')).toHaveLength(1);

    const demoted = await api(w.t, 'PUT', `/api/users/${carol}/role`, { roleId: w.t.org.roleIds.get('member') });
    expect(demoted.statusCode, demoted.body).toBe(200);
    await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'carol@acme.test' } });
    expect(await w.t.mailTo('carol@acme.test')).toHaveLength(1);
    const [mail] = await w.t.mailTo('carol@acme.test');
    const res = await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: linkIn(mail.text, '/sign-in/verify').token } });
    expect(res.json().error.code).toBe('MAGIC_LINKS_DISABLED');

    // The list marks Carol as no longer able to use it, and her demotion does not block saving the policy.
    const listed = (await api(w.t, 'GET', '/api/sso')).json().settings.breakGlassUsers;
    expect(listed).toEqual([{ id: carol, name: expect.any(String), email: 'carol@acme.test', standing: 'not_administrator' }]);
    const kept = await enable([carol]);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().breakGlassUsers).toMatchObject([{ id: carol, standing: 'not_administrator' }]);
    const turnedOff = await api(w.t, 'PUT', '/api/sso/settings', { disableMagicLinks: false, breakGlassUserIds: [carol] });
    expect(turnedOff.statusCode, turnedOff.body).toBe(200);
    // Someone not yet named must still be able to use it.
    const dave = await w.t.createUser({ email: 'dave@acme.test' });
    expect((await enable([carol, dave])).json().error).toMatchObject({ code: 'BREAK_GLASS_INVALID', details: { userId: dave } });
  });

  it('should refuse a sign-in link issued before magic links were disabled', async () => {
    const id = await connect(w);
    await w.t.createUser({ email: 'bob@acme.test' });
    await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'bob@acme.test' } });
    const [mail] = await w.t.mailTo('bob@acme.test');
    await (await throughIdp(w, { testConnection: id }, 'admin-sub')).finish();
    await ssoSignIn(w, 'admin@acme.test', 'admin-sub');
    expect((await enable()).statusCode).toBe(200);
    const res = await w.t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: linkIn(mail.text, '/sign-in/verify').token } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('MAGIC_LINKS_DISABLED');
    const [refused] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.magic_link_failed').execute();
    expect(JSON.parse(refused.after!)).toEqual({ code: 'MAGIC_LINKS_DISABLED' });
    const route = await w.t.app.inject({ method: 'POST', url: '/api/sso/sign-in-route', payload: { email: 'bob@acme.test' } });
    expect(route.json()).toMatchObject({ method: 'sso', magicLinkAllowed: false });
  });
});
