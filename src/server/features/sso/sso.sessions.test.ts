// What happens to single sign-on sessions after the sign-in, through the real OpenID Provider: the
// role's passkey policy ("Require passkey after SSO sign-in", SSO being the first factor), the role's
// idle logout, deactivation in the product (whatever the IdP says), and deactivation by the identity
// provider over SCIM (`active: false`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patch, scimClient, scimUser } from '../../../../test/helpers/scim-client.js';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.js';
import { api, connect, sessionCookieOf, ssoErrorOf, ssoSignIn, ssoWorld, type SsoWorld } from '../../../../test/helpers/sso.js';

let w: SsoWorld;
beforeEach(async () => {
  w = await ssoWorld();
  w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', email_verified: true, name: 'Bob Builder' });
});
afterEach(async () => w.close());

async function newRole(name: string, securityPolicy: Record<string, unknown>): Promise<string> {
  const created = await api(w.t, 'POST', '/api/roles', { name, permissions: ['users.view'], securityPolicy });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

async function bobWithRole(roleId: string): Promise<string> {
  const bob = await w.t.createUser({ email: 'bob@acme.test', name: 'Bob' });
  await w.t.deps.db.updateTable('users').set({ role_id: roleId }).where('id', '=', bob).execute();
  return bob;
}

const me = (cookie: string) => api(w.t, 'GET', '/api/auth/me', undefined, cookie);

describe('"Require passkey after SSO sign-in" for a passkey holder', () => {
  it('should make every SSO session prove the passkey the user holds before anything else, and not let it enrol a new one instead', async () => {
    await bobWithRole(await newRole('Finance', { requirePasskeyAfterSso: true }));
    await connect(w);
    const key = new SoftAuthenticator({ origin: 'http://localhost:3000', rpId: 'localhost' });

    // First SSO session: no passkey yet, so it enrols one (and is then through).
    const first = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await me(first)).json().passkeyGate).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    const options = await api(w.t, 'POST', '/api/account/passkeys/registration-options', undefined, first);
    expect((await api(w.t, 'POST', '/api/account/passkeys', { credential: key.register(options.json().options) }, first)).statusCode).toBe(201);
    expect((await api(w.t, 'GET', '/api/users', undefined, first)).statusCode).toBe(200);

    // Every later SSO session must prove that passkey: the IdP alone is not enough.
    const next = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await me(next)).json().passkeyGate).toBe('PASSKEY_VERIFICATION_REQUIRED');
    expect((await api(w.t, 'GET', '/api/users', undefined, next)).json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    const enrolAnother = await api(w.t, 'POST', '/api/account/passkeys/registration-options', undefined, next);
    expect(enrolAnother.json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    const challenge = await api(w.t, 'POST', '/api/account/passkeys/verification-options', undefined, next);
    const proven = await api(w.t, 'POST', '/api/account/passkeys/verify', { credential: key.assert(challenge.json().options) }, next);
    expect(proven.statusCode).toBe(200);
    expect((await me(next)).json().passkeyGate).toBeNull();
    expect((await api(w.t, 'GET', '/api/users', undefined, next)).statusCode).toBe(200);
  });

  it('should leave SSO sessions alone for a role with only "Require passkey after magic link"', async () => {
    await bobWithRole(await newRole('Magic only', { requirePasskeyAfterMagicLink: true }));
    await connect(w);
    const session = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await me(session)).json().passkeyGate).toBeNull();
    expect((await api(w.t, 'GET', '/api/users', undefined, session)).statusCode).toBe(200);
  });
});

describe('the role’s idle logout', () => {
  it('should end an SSO session idle for longer than the role allows, and keep one in use', async () => {
    const bob = await bobWithRole(await newRole('Short sessions', { idleLogoutMinutes: 15 }));
    await connect(w);
    const busy = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    const idle = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    for (let step = 0; step < 3; step++) {
      w.t.clock.advance(10 * 60_000);
      expect((await me(busy)).statusCode).toBe(200);
    }
    const expired = await me(idle);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
    const sessions = await w.t.deps.db.selectFrom('sessions').select(['auth_method', 'revoked_at']).where('user_id', '=', bob).execute();
    expect(sessions.map((s) => [s.auth_method, s.revoked_at === null]).sort()).toEqual([
      ['sso', false],
      ['sso', true],
    ]);
  });
});

describe('deactivation', () => {
  it('should end SSO sessions when the account is deactivated in the product, and refuse the IdP’s next sign-in', async () => {
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    await connect(w, { jitEnabled: true });
    const session = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    const deactivated = await api(w.t, 'POST', `/api/users/${bob}/deactivate`, { reason: 'Left the company' });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json()).toMatchObject({ status: 'deactivated', sessionsRevoked: 1 });
    expect((await me(session)).statusCode).toBe(401);

    // The identity provider still vouches for Bob; neither sign-in nor just-in-time creation lets him back.
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('ACCOUNT_INACTIVE');
    const accounts = await w.t.deps.db.selectFrom('users').select('status').where('email_normalized', '=', 'bob@acme.test').execute();
    expect(accounts).toEqual([{ status: 'deactivated' }]);
  });

  it('should refuse SSO to someone the identity provider deactivated over SCIM (active: false), and let them back once reactivated', async () => {
    await connect(w, { jitEnabled: true });
    const scim = await scimClient(w.t);
    const provisioned = await scim.request('POST', '/Users', scimUser('bob@acme.test'));
    expect(provisioned.statusCode, provisioned.body).toBe(201);
    const id = provisioned.json().id as string;
    const session = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await me(session)).json().user).toMatchObject({ email: 'bob@acme.test' });

    expect((await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false }))).statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('ACCOUNT_INACTIVE');
    expect(await w.t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute()).toHaveLength(0);

    expect((await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: true }))).statusCode).toBe(200);
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
  });
});
