// The OIDC sign-in checks, run against the real OpenID Provider configured once like Microsoft Entra ID
// (a tenant claim, `tid`) and once like Google Workspace (a hosted-domain claim, `hd`): success, wrong
// audience, expired token, bad signature, replayed code, wrong nonce, unknown `kid` then rotated JWKS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connect, sessionCookieOf, ssoErrorOf, ssoSignIn, ssoWorld, throughIdp, type SsoWorld } from '../../../../test/helpers/sso.js';

/** sso.oidc.ts fetches a key set again at most every 30 s. */
const REFETCH_COOLDOWN = 30_000;

interface Preset {
  name: string;
  connection: Record<string, unknown>;
  /** The preset's own claim, as the real provider sends it for this organization. */
  claim: Record<string, string>;
  /** The same claim from another tenant / Workspace, and the code that refuses it. */
  foreign: { claim: Record<string, string>; code: string };
}

const PRESETS: Preset[] = [
  {
    name: 'Microsoft Entra ID (tid)',
    connection: { preset: 'entra', tenantId: 'tenant-a' },
    claim: { tid: 'tenant-a' },
    foreign: { claim: { tid: 'tenant-b' }, code: 'WRONG_TENANT' },
  },
  {
    name: 'Google Workspace (hd)',
    connection: { preset: 'google', hostedDomains: ['acme.test'] },
    claim: { hd: 'acme.test' },
    foreign: { claim: { hd: 'gmail.com' }, code: 'WRONG_HOSTED_DOMAIN' },
  },
];

describe.each(PRESETS)('OIDC configured like $name', (preset) => {
  let w: SsoWorld;
  let bobId: string;
  beforeEach(async () => {
    w = await ssoWorld({ idTokenTtlSeconds: 120 });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', email_verified: true, name: 'Bob Builder', ...preset.claim });
    bobId = await w.t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    await connect(w, preset.connection);
  });
  afterEach(async () => w.close());

  async function ssoSessions() {
    return w.t.deps.db.selectFrom('sessions').select('user_id').where('auth_method', '=', 'sso').execute();
  }

  it('should sign the user in, with the preset shown on the connection', async () => {
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    expect(ssoErrorOf(res)).toBeNull();
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user).toMatchObject({ id: bobId, email: 'bob@acme.test' });
    expect((await api(w.t, 'GET', '/api/sso')).json().connections[0]).toMatchObject({ preset: preset.connection.preset, issuer: w.idp.issuer });
  });

  it('should refuse a token from another tenant or Workspace, or without the claim', async () => {
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', ...preset.foreign.claim });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe(preset.foreign.code);
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe(preset.foreign.code);
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should refuse a token for another audience', async () => {
    w.idp.tamper({ claims: (c) => ({ ...c, aud: 'another-app' }) });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('WRONG_AUDIENCE');
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should refuse a token that expired before it came back', async () => {
    const round = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    w.t.clock.advance(5 * 60_000);
    expect(ssoErrorOf(await round.finish())).toBe('ID_TOKEN_EXPIRED');
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should refuse a token signed with a key the provider does not hold', async () => {
    w.idp.tamper({ foreignKey: true });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('BAD_SIGNATURE');
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should refuse a token with another attempt’s nonce', async () => {
    w.idp.tamper({ claims: (c) => ({ ...c, nonce: 'from-another-attempt' }) });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('NONCE_MISMATCH');
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should refuse a replayed authorization code, whether with its own callback or inside a fresh attempt', async () => {
    const first = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    expect(ssoErrorOf(await first.finish())).toBeNull();
    expect(ssoErrorOf(await first.finish())).toBe('STATE_INVALID');

    const code = new URL(first.callbackUrl, 'http://x').searchParams.get('code')!;
    const fresh = await throughIdp(w, { email: 'bob@acme.test' }, 'bob-sub');
    const replay = new URL(fresh.callbackUrl, 'http://x');
    replay.searchParams.set('code', code);
    const res = await w.t.app.inject({ method: 'GET', url: replay.pathname + replay.search, headers: { cookie: `sofie_sso_state=${fresh.stateCookie}` } });
    expect(ssoErrorOf(res)).toBe('TOKEN_EXCHANGE_FAILED');
    expect(await ssoSessions()).toHaveLength(1);
  });

  it('should keep the key set cached, fetch it again for an unknown kid (rotation), and refuse a kid still unknown', async () => {
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(w.idp.jwksFetches()).toBe(1);

    w.t.clock.advance(REFETCH_COOLDOWN);
    await w.idp.rotateKeys();
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(w.idp.jwksFetches()).toBe(2);

    w.t.clock.advance(REFETCH_COOLDOWN);
    w.idp.tamper({ kid: 'a-key-nobody-publishes' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('UNKNOWN_KEY');
    expect(w.idp.jwksFetches()).toBe(3);
    expect(await ssoSessions()).toHaveLength(3);
  });

  it('should fetch the key set again at most once per cooldown however many tokens name unknown keys', async () => {
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    w.t.clock.advance(REFETCH_COOLDOWN);
    for (let attempt = 0; attempt < 4; attempt++) {
      w.idp.tamper({ kid: `forged-${attempt}` });
      expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('UNKNOWN_KEY');
    }
    expect(w.idp.jwksFetches()).toBe(2);

    // A real rotation once the cooldown has passed is still picked up.
    w.t.clock.advance(REFETCH_COOLDOWN);
    await w.idp.rotateKeys();
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(w.idp.jwksFetches()).toBe(3);
  });
});

describe('multi-tenant Microsoft Entra ID', () => {
  let w: SsoWorld;
  beforeEach(async () => {
    w = await ssoWorld();
  });
  afterEach(async () => w.close());

  it('should accept any tenant only when the connection allows multi-tenant sign-in, and still require a tid', async () => {
    const body = { name: 'Entra', preset: 'entra', tenantId: 'common', issuer: w.idp.issuer, clientId: w.idp.clientId, clientSecret: w.idp.clientSecret };
    expect((await api(w.t, 'POST', '/api/sso/connections', body)).json().error.code).toBe('MULTI_TENANT_REFUSED');
    await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w, { preset: 'entra', tenantId: 'common', allowMultiTenant: true });
    expect((await api(w.t, 'GET', '/api/sso')).json().connections[0]).toMatchObject({ allowMultiTenant: true });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', tid: 'any-tenant' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('WRONG_TENANT');
  });
});
