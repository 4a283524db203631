// SAML sign-ins end in the same accounts and sessions as OIDC ones, through the local SAML identity
// provider: just-in-time accounts audited with the connection as actor, a pending invitation accepted,
// the role's passkey policy after SSO, and deactivation (in the product or over SCIM) honoured.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patch, scimClient, scimUser } from '../../../../test/helpers/scim-client.js';
import { connectSaml, samlSignIn, samlWorld, type SamlWorld } from '../../../../test/helpers/sso-saml.js';
import { api, sessionCookieOf, ssoErrorOf } from '../../../../test/helpers/sso.js';

let w: SamlWorld;
beforeEach(async () => {
  w = await samlWorld();
  w.idp.accounts.set('bob@acme.test', { email: 'bob@acme.test', displayName: 'Bob Builder' });
});
afterEach(async () => w.close());

const me = (cookie: string) => api(w.t, 'GET', '/api/auth/me', undefined, cookie);
const usersWith = (email: string) => w.t.deps.db.selectFrom('users').select(['id', 'status']).where('email_normalized', '=', email).execute();

describe('accounts made by a SAML sign-in', () => {
  it('should refuse an unknown address with just-in-time accounts off, and create it on the default role, audited with the connection, when on', async () => {
    const id = await connectSaml(w);
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('NO_ACCOUNT');
    expect(await usersWith('bob@acme.test')).toHaveLength(0);

    expect((await api(w.t, 'PATCH', `/api/sso/connections/${id}`, { jitEnabled: true })).statusCode).toBe(200);
    const [switched] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.connection.updated').execute();
    expect([JSON.parse(switched.before!).jitEnabled, JSON.parse(switched.after!).jitEnabled]).toEqual([false, true]);
    const session = sessionCookieOf(await samlSignIn(w, 'bob@acme.test'));
    expect((await me(session)).json().user).toMatchObject({ email: 'bob@acme.test', name: 'Bob Builder', roleName: 'Member' });
    const [created] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.user.created').execute();
    expect(created).toMatchObject({ actor_label: 'SSO connection “Acme SAML”', actor_user_id: null, risk: 'medium' });
    expect(JSON.parse(created.after!)).toMatchObject({ email: 'bob@acme.test', role: 'Member' });
  });

  it('should accept a pending invitation (with just-in-time accounts off) instead of refusing or duplicating', async () => {
    await connectSaml(w);
    expect((await api(w.t, 'POST', '/api/invitations', { entries: [{ email: 'bob@acme.test' }] })).statusCode).toBeLessThan(300);
    const session = sessionCookieOf(await samlSignIn(w, 'bob@acme.test'));
    expect((await me(session)).json().user).toMatchObject({ email: 'bob@acme.test' });
    expect(await usersWith('bob@acme.test')).toEqual([{ id: expect.any(String), status: 'active' }]);
    const [accepted] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'invitation.accepted').execute();
    expect(accepted).toMatchObject({ actor_label: 'SSO connection “Acme SAML”' });
    expect(await w.t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'sso.user.created').execute()).toHaveLength(0);
  });
});

describe('SAML sessions', () => {
  it('should ask a role with "Require passkey after SSO sign-in" for a passkey first', async () => {
    const role = await api(w.t, 'POST', '/api/roles', { name: 'Finance', permissions: ['users.view'], securityPolicy: { requirePasskeyAfterSso: true } });
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    await w.t.deps.db.updateTable('users').set({ role_id: role.json().id }).where('id', '=', bob).execute();
    await connectSaml(w);
    const session = sessionCookieOf(await samlSignIn(w, 'bob@acme.test'));
    expect((await me(session)).json().passkeyGate).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    expect((await api(w.t, 'GET', '/api/users', undefined, session)).json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
  });

  it('should end the session and refuse the next SAML sign-in once the identity provider deactivates the user over SCIM', async () => {
    await connectSaml(w, { jitEnabled: true });
    const scim = await scimClient(w.t);
    const provisioned = await scim.request('POST', '/Users', scimUser('bob@acme.test'));
    expect(provisioned.statusCode, provisioned.body).toBe(201);
    const session = sessionCookieOf(await samlSignIn(w, 'bob@acme.test'));
    expect((await me(session)).statusCode).toBe(200);

    const off = await scim.request('PATCH', `/Users/${provisioned.json().id}`, patch({ op: 'replace', path: 'active', value: false }));
    expect(off.statusCode, off.body).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('ACCOUNT_INACTIVE');
    expect(await usersWith('bob@acme.test')).toEqual([{ id: provisioned.json().id, status: 'deactivated' }]);
  });
});
