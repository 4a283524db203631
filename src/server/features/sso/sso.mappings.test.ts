// The rest of OIDC against a real identity provider: private-key JWT client authentication (the IdP
// fetches the connection's JWKS from the running app) and attribute mapping (groups claim → group
// memberships, group-to-role rules within the maker's grant ceiling), all audited.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connect, sessionCookieOf, ssoErrorOf, ssoSignIn, ssoWorld, type SsoWorld } from '../../../../test/helpers/sso.js';

let w: SsoWorld;
beforeEach(async () => {
  w = await ssoWorld();
});
afterEach(async () => w.close());

const roleId = (key: string) => w.t.org.roleIds.get(key)!;
async function roleOf(userId: string): Promise<string> {
  const row = await w.t.deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select('roles.name')
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.name;
}
async function groupsOf(userId: string): Promise<string[]> {
  const rows = await w.t.deps.db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('groups.name')
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.name')
    .execute();
  return rows.map((r) => r.name);
}
async function newGroup(name: string): Promise<string> {
  const res = await api(w.t, 'POST', '/api/groups', { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function audit(action: string, subjectId?: string) {
  let query = w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (subjectId) query = query.where('subject_id', '=', subjectId);
  return query.orderBy('chain_seq').execute();
}

async function limitedRole(): Promise<string> {
  const now = w.t.clock().toISOString();
  const limited = w.t.deps.newId();
  await w.t.deps.db
    .insertInto('roles')
    .values({
      id: limited,
      organization_id: w.t.org.organizationId,
      system_key: null,
      name: 'SSO manager',
      name_normalized: 'sso manager',
      description: '',
      permissions: JSON.stringify(['users.view', 'users.assign_role', 'roles.view', 'organization.view_settings', 'organization.manage_settings']),
      require_passkey_enrollment: 0,
      require_passkey_after_magic_link: 0,
      idle_logout_minutes: null,
      owner_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return limited;
}

describe('private-key JWT client authentication', () => {
  it('should sign in with a client assertion signed by the connection’s own key, published as its JWKS', async () => {
    await w.t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (w.t.app.server.address() as AddressInfo).port;
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    const id = await connect(w, { clientSecret: undefined, tokenAuthMethod: 'private_key_jwt' });
    const overview = (await api(w.t, 'GET', '/api/sso')).json().connections[0];
    expect(overview).toMatchObject({
      tokenAuthMethod: 'private_key_jwt',
      clientSecretSet: false,
      jwksUrl: `http://localhost:3000/api/sso/connections/${id}/jwks.json`,
    });

    const jwks = await w.t.app.inject({ method: 'GET', url: `/api/sso/connections/${id}/jwks.json` });
    expect(jwks.statusCode).toBe(200);
    const [key] = jwks.json().keys;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(key).not.toHaveProperty('d');
    const stored = await w.t.deps.db.selectFrom('sso_client_keys').select('private_key').executeTakeFirstOrThrow();
    expect(stored.private_key).toMatch(/^(gcm|plain):/);

    // The IdP knows the client only by its key set, read from the app over HTTP.
    w.idp.useClientAuth({ method: 'private_key_jwt', jwksUri: `http://127.0.0.1:${port}/api/sso/connections/${id}/jwks.json` });
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    expect(ssoErrorOf(res)).toBeNull();
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user.id).toBe(bob);
  });

  it('should fail the code exchange when the identity provider expects a client assertion and the connection sends its secret', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    await connect(w);
    w.idp.useClientAuth({ method: 'private_key_jwt', jwksUri: 'http://127.0.0.1:9/none.json' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBe('TOKEN_EXCHANGE_FAILED');
  });

  it('should require a client secret unless private-key JWT is chosen, and audit a switch', async () => {
    const res = await api(w.t, 'POST', '/api/sso/connections', { name: 'x', preset: 'okta', issuer: w.idp.issuer, clientId: 'a' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CLIENT_SECRET_REQUIRED');
    const id = await connect(w);
    const switched = await api(w.t, 'PATCH', `/api/sso/connections/${id}`, { tokenAuthMethod: 'private_key_jwt' });
    expect(switched.json()).toMatchObject({ tokenAuthMethod: 'private_key_jwt', jwksUrl: expect.stringContaining(id) });
    const [event] = await audit('sso.connection.updated', id);
    expect(JSON.parse(event.before!).tokenAuthMethod).toBe('client_secret_basic');
    expect(JSON.parse(event.after!).tokenAuthMethod).toBe('private_key_jwt');
    expect((await w.t.app.inject({ method: 'GET', url: `/api/sso/connections/${id}/jwks.json` })).statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/sso/connections/nope/jwks.json' })).statusCode).toBe(404);
  });
});

describe('attribute mapping: groups claim → groups', () => {
  it('should put the user in the groups named in the claim and take out only the memberships SSO added, audited with the connection', async () => {
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    const sales = await newGroup('Sales');
    await newGroup('Support');
    const kept = await newGroup('Kept');
    expect((await api(w.t, 'POST', `/api/groups/${kept}/members`, { userIds: [bob] })).statusCode).toBeLessThan(300);
    await connect(w, { groupsClaim: 'groups' });
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', groups: ['sales', 'Support', 'Kept', 'Unknown in the product'] });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(await groupsOf(bob)).toEqual(['Kept', 'Sales', 'Support']);
    const added = await audit('group.member_added', bob);
    expect(added.filter((e) => e.actor_label === 'SSO connection “Acme IdP”').map((e) => JSON.parse(e.after!).group)).toEqual(['Sales', 'Support']);
    expect(added.find((e) => e.actor_label === 'SSO connection “Acme IdP”')!.reason).toContain('IdP group “Sales”');

    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', groups: ['Support'] });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    // Sales was SSO's to take back; Kept was set in the console and stays.
    expect(await groupsOf(bob)).toEqual(['Kept', 'Support']);
    const [removed] = await audit('group.member_removed', bob);
    expect(removed).toMatchObject({ actor_label: 'SSO connection “Acme IdP”', actor_user_id: null });
    expect(JSON.parse(removed.before!)).toEqual({ member: true, group: 'Sales' });
    expect(sales).toBeTruthy();
  });

  it('should read a configurable claim name', async () => {
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    await newGroup('Sales');
    const id = await connect(w);
    expect((await api(w.t, 'PATCH', `/api/sso/connections/${id}`, { groupsClaim: 'hd' })).json().groupsClaim).toBe('hd');
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', groups: ['Other'], hd: 'Sales' });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(await groupsOf(bob)).toEqual(['Sales']);
  });
});

describe('attribute mapping: group-to-role rules', () => {
  async function rule(connectionId: string, idpGroup: string, role: string, cookie = w.t.adminCookie) {
    return api(w.t, 'POST', `/api/sso/connections/${connectionId}/role-rules`, { idpGroup, roleId: roleId(role) }, cookie);
  }

  it('should grant the rule’s role at sign-in, audited with the connection as actor, and fall back to the default role when the IdP group goes', async () => {
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    const id = await connect(w);
    const made = await rule(id, 'sofie-admins', 'admin');
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ idpGroup: 'sofie-admins', role: { name: 'Admin' }, active: true });
    expect(await audit('sso.role_rule.created', id)).toHaveLength(1);

    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', groups: ['sofie-admins'] });
    const res = await ssoSignIn(w, 'bob@acme.test', 'bob-sub');
    expect(ssoErrorOf(res)).toBeNull();
    expect(await roleOf(bob)).toBe('Admin');
    const [granted] = await audit('user.role_changed', bob);
    expect(granted).toMatchObject({ actor_label: 'SSO connection “Acme IdP”', actor_user_id: null });
    expect(granted.reason).toContain('sofie-admins');
    expect(JSON.parse(granted.after!)).toEqual({ role: { id: roleId('admin'), name: 'Admin' } });
    // The session was made after the rule: it already carries the new role.
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user.roleName).toBe('Admin');

    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test', groups: [] });
    expect(ssoErrorOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'))).toBeNull();
    expect(await roleOf(bob)).toBe('Member');
    expect(await audit('user.role_changed', bob)).toHaveLength(2);
  });

  it('should refuse a rule above the grant ceiling of the administrator who makes it, and offer only roles within it', async () => {
    const id = await connect(w);
    const limited = await limitedRole();
    const manager = await w.t.createUser({ email: 'manager@acme.test' });
    await w.t.deps.db.updateTable('users').set({ role_id: limited }).where('id', '=', manager).execute();
    const cookie = await w.t.signInAs(manager);

    const refused = await rule(id, 'sofie-admins', 'admin', cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ROLE_ESCALATION');
    expect(await audit('sso.role_rule.created', id)).toHaveLength(0);
    const listed = await api(w.t, 'GET', `/api/sso/connections/${id}/role-rules`, undefined, cookie);
    expect(listed.json().roles.map((r: { name: string }) => r.name)).not.toContain('Admin');
    expect(listed.json().roles.map((r: { name: string }) => r.name)).toContain('SSO manager');
  });

  it('should ignore a rule whose maker lost the role’s permissions, and refuse (audited) a user who outranks the maker', async () => {
    const second = await w.t.createUser({ email: 'second@acme.test', roleKey: 'admin' });
    const id = await connect(w);
    expect((await rule(id, 'people-team', 'user_manager', await w.t.signInAs(second))).statusCode).toBe(201);
    const carol = await w.t.createUser({ email: 'carol@acme.test' });
    w.idp.accounts.set('carol-sub', { email: 'carol@acme.test', groups: ['people-team'] });
    expect(ssoErrorOf(await ssoSignIn(w, 'carol@acme.test', 'carol-sub'))).toBeNull();
    expect(await roleOf(carol)).toBe('User manager');

    // The maker is demoted: the rule is shown inactive and no longer applies.
    await w.t.deps.db
      .updateTable('users')
      .set({ role_id: roleId('member') })
      .where('id', '=', second)
      .execute();
    const listed = (await api(w.t, 'GET', `/api/sso/connections/${id}/role-rules`)).json();
    expect(listed.items[0]).toMatchObject({ active: false, inactiveReason: expect.stringContaining('no longer holds') });
    const erin = await w.t.createUser({ email: 'erin@acme.test' });
    w.idp.accounts.set('erin-sub', { email: 'erin@acme.test', groups: ['people-team'] });
    expect(ssoErrorOf(await ssoSignIn(w, 'erin@acme.test', 'erin-sub'))).toBeNull();
    expect(await roleOf(erin)).toBe('Member');

    // A rule by a narrower administrator cannot demote an Admin: refused, audited, the sign-in goes on.
    const limited = await limitedRole();
    await w.t.deps.db.updateTable('users').set({ role_id: limited }).where('id', '=', second).execute();
    const dave = await w.t.createUser({ email: 'dave@acme.test', roleKey: 'admin' });
    w.idp.accounts.set('dave-sub', { email: 'dave@acme.test', groups: ['viewers'] });
    const made = await api(w.t, 'POST', `/api/sso/connections/${id}/role-rules`, { idpGroup: 'viewers', roleId: limited }, await w.t.signInAs(second));
    expect(made.statusCode).toBe(201);
    expect(ssoErrorOf(await ssoSignIn(w, 'dave@acme.test', 'dave-sub'))).toBeNull();
    expect(await roleOf(dave)).toBe('Admin');
    const [refusal] = await audit('sso.role_rule.refused', dave);
    expect(refusal).toMatchObject({ actor_label: 'SSO connection “Acme IdP”' });
    expect(JSON.parse(refusal.after!)).toMatchObject({ refusal: 'TARGET_OUTRANKS_ACTOR', wanted: { name: 'SSO manager' } });
  });

  it('should audit removing a rule', async () => {
    const id = await connect(w);
    const made = await rule(id, 'x', 'viewer');
    expect((await api(w.t, 'DELETE', `/api/sso/connections/${id}/role-rules/${made.json().id}`)).statusCode).toBe(200);
    const [removed] = await audit('sso.role_rule.removed', id);
    expect(JSON.parse(removed.before!)).toMatchObject({ idpGroup: 'x', role: { name: 'Viewer' } });
    expect((await api(w.t, 'DELETE', `/api/sso/connections/${id}/role-rules/${made.json().id}`)).statusCode).toBe(404);
  });
});

describe('"Require passkey after SSO sign-in"', () => {
  it('should make an SSO session of a role with the policy prove (or enrol) a passkey before anything else', async () => {
    const created = await api(w.t, 'POST', '/api/roles', { name: 'Finance', permissions: ['users.view'], securityPolicy: { requirePasskeyAfterSso: true } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().securityPolicy).toMatchObject({ requirePasskeyAfterSso: true, requirePasskeyAfterMagicLink: false });
    const bob = await w.t.createUser({ email: 'bob@acme.test' });
    const carol = await w.t.createUser({ email: 'carol@acme.test' });
    await w.t.deps.db.updateTable('users').set({ role_id: created.json().id }).where('id', '=', bob).execute();
    w.idp.accounts.set('bob-sub', { email: 'bob@acme.test' });
    w.idp.accounts.set('carol-sub', { email: 'carol@acme.test' });
    await connect(w);
    const bobSession = sessionCookieOf(await ssoSignIn(w, 'bob@acme.test', 'bob-sub'));
    expect((await api(w.t, 'GET', '/api/auth/me', undefined, bobSession)).json().passkeyGate).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    expect((await api(w.t, 'GET', '/api/users', undefined, bobSession)).statusCode).toBe(403);
    const carolSession = sessionCookieOf(await ssoSignIn(w, 'carol@acme.test', 'carol-sub'));
    expect((await api(w.t, 'GET', '/api/auth/me', undefined, carolSession)).json().passkeyGate).toBeNull();
    expect(carol).toBeTruthy();
  });
});
