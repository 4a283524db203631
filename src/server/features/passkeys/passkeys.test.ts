import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createSession } from '../auth/auth.service.js';

let t: TestApp;
beforeEach(async () => {
  // The step-up test adds a webhook endpoint it never calls: with the address guard off, its host is not looked up in DNS.
  t = await buildTestApp({ config: { webhookAllowPrivate: true } });
});
afterEach(async () => t.close());

const ORIGIN = 'http://localhost:3000';
const RP_ID = 'localhost';
const authenticator = (opts: { synced?: boolean; counterStart?: number } = {}) => new SoftAuthenticator({ origin: ORIGIN, rpId: RP_ID, ...opts });

function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function enrol(cookie: string, auth: SoftAuthenticator, name?: string, overrides: { origin?: string; rpId?: string } = {}) {
  const options = await call('POST', '/api/account/passkeys/registration-options', cookie);
  expect(options.statusCode).toBe(200);
  const credential = auth.register(options.json().options, overrides);
  return call('POST', '/api/account/passkeys', cookie, { credential, ...(name ? { name } : {}) });
}

async function signInWithPasskey(auth: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['assert']>[1] = {}) {
  const options = await call('POST', '/api/auth/passkey/options');
  expect(options.statusCode).toBe(200);
  const credential = auth.assert(options.json().options, overrides);
  const res = await call('POST', '/api/auth/passkey/verify', undefined, { credential });
  const cookie = res.cookies.find((c) => c.name === 'sofie_session');
  return { res, credential, cookie: cookie ? `sofie_session=${cookie.value}` : '' };
}

async function verifyOnSession(cookie: string, auth: SoftAuthenticator) {
  const options = await call('POST', '/api/account/passkeys/verification-options', cookie);
  expect(options.statusCode).toBe(200);
  return call('POST', '/api/account/passkeys/verify', cookie, { credential: auth.assert(options.json().options) });
}

async function setRole(
  key: string,
  patch: { require_passkey_enrollment?: number; require_passkey_after_magic_link?: number; idle_logout_minutes?: number | null },
) {
  await t.deps.db.updateTable('roles').set(patch).where('organization_id', '=', t.org.organizationId).where('system_key', '=', key).execute();
}
async function setOrg(patch: { require_passkeys_privileged?: number; require_passkeys_all?: number }) {
  await t.deps.db.updateTable('organizations').set(patch).where('id', '=', t.org.organizationId).execute();
}
async function auditActions(category?: string) {
  const rows = await t.deps.db.selectFrom('audit_events').selectAll().where('organization_id', '=', t.org.organizationId).orderBy('id').execute();
  return rows.filter((r) => !category || r.category === category).map((r) => r.action);
}

describe('Add passkey and sign in with it', () => {
  it('should enrol a device-bound passkey, list it, and sign in with it without an email', async () => {
    const auth = authenticator();
    const added = await enrol(t.adminCookie, auth, 'Work laptop');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Work laptop', kind: 'device-bound', lastUsedAt: null });

    const security = await call('GET', '/api/account/security', t.adminCookie);
    expect(security.json().passkeyMfa.status).toBe('enabled');
    expect(security.json().passkeys).toHaveLength(1);
    expect(await auditActions('auth')).toContain('passkey.enrolled');

    const { res, cookie } = await signInWithPasskey(auth);
    expect(res.statusCode).toBe(200);
    const me = await call('GET', '/api/auth/me', cookie);
    expect(me.json().user.email).toBe('admin@acme.test');
    const after = await call('GET', '/api/account/security', cookie);
    expect(after.json().passkeys[0].lastUsedAt).toBe(t.clock().toISOString());
    expect(after.json().sessions.find((s: { current: boolean }) => s.current).method).toBe('passkey');
  });

  it('should label a backed-up credential as synced', async () => {
    const added = await enrol(t.adminCookie, authenticator({ synced: true }));
    expect(added.json().kind).toBe('synced');
    expect(added.json().name).toContain('passkey');
  });

  it('should refuse a registration from another origin or for another RP ID', async () => {
    const wrongOrigin = await enrol(t.adminCookie, authenticator(), undefined, { origin: 'https://evil.example' });
    expect(wrongOrigin.statusCode).toBe(400);
    expect(wrongOrigin.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
    const wrongRp = await enrol(t.adminCookie, authenticator(), undefined, { rpId: 'evil.example' });
    expect(wrongRp.statusCode).toBe(400);
    expect(wrongRp.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
    expect((await call('GET', '/api/account/security', t.adminCookie)).json().passkeys).toHaveLength(0);
  });

  it('should refuse a sign-in assertion from another origin or RP ID', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const origin = await signInWithPasskey(auth, { origin: 'http://localhost:4000' });
    expect(origin.res.statusCode).toBe(400);
    expect(origin.res.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
    expect(origin.cookie).toBe('');
    const rp = await signInWithPasskey(auth, { rpId: 'sofie.example' });
    expect(rp.res.statusCode).toBe(400);
  });

  it('should refuse a replayed sign-in response and an expired challenge', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const first = await signInWithPasskey(auth);
    expect(first.res.statusCode).toBe(200);
    const replay = await call('POST', '/api/auth/passkey/verify', undefined, { credential: first.credential });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('CHALLENGE_USED');

    const options = await call('POST', '/api/auth/passkey/options');
    t.clock.advance(5 * 60_000 + 1);
    const late = await call('POST', '/api/auth/passkey/verify', undefined, { credential: auth.assert(options.json().options) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('CHALLENGE_EXPIRED');

    const forged = auth.assert({ challenge: Buffer.from('never issued').toString('base64url') });
    const unknown = await call('POST', '/api/auth/passkey/verify', undefined, { credential: forged });
    expect(unknown.json().error.code).toBe('CHALLENGE_INVALID');
  });

  it('should refuse a registration challenge issued to another session', async () => {
    const other = await t.signInAs(t.org.adminUserId);
    const options = await call('POST', '/api/account/passkeys/registration-options', other);
    const credential = authenticator().register(options.json().options);
    const res = await call('POST', '/api/account/passkeys', t.adminCookie, { credential });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CHALLENGE_INVALID');
  });

  it('should refuse a signature counter that does not increase, and record it as high risk', async () => {
    const auth = authenticator({ counterStart: 5 });
    await enrol(t.adminCookie, auth);
    expect((await signInWithPasskey(auth)).res.statusCode).toBe(200); // counter 6
    const cloned = await signInWithPasskey(auth, { counter: 6 });
    expect(cloned.res.statusCode).toBe(400);
    expect(cloned.res.json().error.code).toBe('PASSKEY_COUNTER_REGRESSION');
    const event = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'passkey.counter_regression').executeTakeFirst();
    expect(event?.risk).toBe('high');
    expect((await signInWithPasskey(auth, { counter: 9 })).res.statusCode).toBe(200);
  });

  it('should refuse an unknown credential and a deactivated account', async () => {
    const stranger = authenticator();
    stranger.register({ challenge: 'x', user: { id: 'eA' } });
    expect((await signInWithPasskey(stranger)).res.json().error.code).toBe('PASSKEY_UNKNOWN');

    const userId = await t.createUser({ email: 'bob@acme.test' });
    const bob = authenticator();
    await enrol(await t.signInAs(userId), bob);
    await t.deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', userId).execute();
    const res = (await signInWithPasskey(bob)).res;
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_INACTIVE');
  });

  it('should not accept garbage as a credential', async () => {
    const res = await call('POST', '/api/auth/passkey/verify', undefined, {
      credential: { id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: '!!', authenticatorData: '', signature: '' } },
    });
    expect(res.statusCode).toBe(400);
    const bad = await call('POST', '/api/account/passkeys', t.adminCookie, { credential: { id: 'a' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('Registered passkeys: rename and remove', () => {
  it('should rename and remove a passkey, with removal audited', async () => {
    const added = (await enrol(t.adminCookie, authenticator())).json();
    const renamed = await call('PATCH', `/api/account/passkeys/${added.id}`, t.adminCookie, { name: 'YubiKey 5' });
    expect(renamed.json().name).toBe('YubiKey 5');
    const removed = await call('DELETE', `/api/account/passkeys/${added.id}`, t.adminCookie);
    expect(removed.statusCode).toBe(200);
    expect((await call('GET', '/api/account/security', t.adminCookie)).json().passkeyMfa.status).toBe('not_set_up');
    expect(await auditActions('auth')).toContain('passkey.removed');
  });

  it('should refuse removing the last passkey when policy requires one, and allow it once another exists', async () => {
    await setOrg({ require_passkeys_privileged: 1 });
    const first = (await enrol(t.adminCookie, authenticator())).json();
    const refused = await call('DELETE', `/api/account/passkeys/${first.id}`, t.adminCookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PASSKEY_REQUIRED_BY_POLICY', details: { requiredBy: ['organization_privileged'] } });
    await enrol(t.adminCookie, authenticator());
    expect((await call('DELETE', `/api/account/passkeys/${first.id}`, t.adminCookie)).statusCode).toBe(200);
  });

  it('should not let anyone touch another user’s passkeys, in this organization or another', async () => {
    const mine = (await enrol(t.adminCookie, authenticator())).json();
    const bob = await t.signInAs(await t.createUser({ email: 'bob@acme.test' }));
    expect((await call('DELETE', `/api/account/passkeys/${mine.id}`, bob)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/account/passkeys/${mine.id}`, bob, { name: 'x' })).statusCode).toBe(404);
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    expect((await call('DELETE', `/api/account/passkeys/${mine.id}`, other.adminCookie)).statusCode).toBe(404);
    expect((await call('GET', '/api/account/security', other.adminCookie)).json().passkeys).toHaveLength(0);
  });
});

describe('Enforcement', () => {
  it('should send a user without a passkey to Account > Security when the organization requires passkeys', async () => {
    await setOrg({ require_passkeys_all: 1 });
    const users = await call('GET', '/api/users', t.adminCookie);
    expect(users.statusCode).toBe(403);
    expect(users.json().error).toMatchObject({ code: 'PASSKEY_ENROLLMENT_REQUIRED', details: { redirectTo: '/account/security' } });
    expect((await call('GET', '/api/auth/me', t.adminCookie)).statusCode).toBe(200);
    const security = await call('GET', '/api/account/security', t.adminCookie);
    expect(security.json().passkeyMfa).toMatchObject({ status: 'required', required: true, requiredBy: ['organization_all'] });
    expect(security.json().gate).toBe('PASSKEY_ENROLLMENT_REQUIRED');

    expect((await enrol(t.adminCookie, authenticator())).statusCode).toBe(201);
    expect((await call('GET', '/api/users', t.adminCookie)).statusCode).toBe(200);
  });

  it('should lock every signed-in route except the allow-list until a passkey is enrolled', async () => {
    await setOrg({ require_passkeys_all: 1 });
    const doc = (await call('GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    // The organization switcher stays open too: the session it opens is held to the other organization's own policy.
    const allowed = /^\/api\/(auth\/me|auth\/sign-out|auth\/organizations|auth\/switch-organization|account\/.*)$/;
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase()) as ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[]) {
        const url = path.replace(/\{[^}]+\}/g, 'x0');
        if (allowed.test(path)) continue;
        const anonymous = await call(method, url);
        if (anonymous.statusCode !== 401 || anonymous.json().error.code === 'SERVICE_TOKEN_INVALID') continue; // public or service routes
        const res = await call(method, url, t.adminCookie);
        expect(`${method} ${path} ${res.statusCode} ${res.json().error?.code}`).toBe(`${method} ${path} 403 PASSKEY_ENROLLMENT_REQUIRED`);
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(15);
    expect(checked).toContain('PUT /api/users/{id}/role');
  });

  it('should treat a session from an accepted invitation like a magic link', async () => {
    await setRole('member', { require_passkey_after_magic_link: 1 });
    const user = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', await t.createUser({ email: 'new@acme.test' }))
      .executeTakeFirstOrThrow();
    const session = await createSession(t.deps.db, t.deps, user, 'invitation', { ip: null, userAgent: null });
    const cookie = `sofie_session=${session.token}`;
    expect((await call('GET', '/api/auth/me', cookie)).json()).toMatchObject({ passkeyGate: 'PASSKEY_ENROLLMENT_REQUIRED', passkeyCount: 0 });
    expect((await enrol(cookie, authenticator())).statusCode).toBe(201);
    expect((await call('GET', '/api/auth/me', cookie)).json()).toMatchObject({ passkeyGate: null, passkeyCount: 1 });
  });

  it('should require passkeys of privileged users only when so configured', async () => {
    await setOrg({ require_passkeys_privileged: 1 });
    const member = await t.signInAs(await t.createUser({ email: 'mia@acme.test', roleKey: 'member' }));
    expect((await call('GET', '/api/account/sessions', member)).statusCode).toBe(200);
    // A member is not privileged: no passkey gate, only the ordinary refusal of a page they may not see.
    const roles = await call('GET', '/api/roles', member);
    expect([roles.statusCode, roles.json().error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('GET', '/api/roles', t.adminCookie)).json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
  });

  it('should apply the role’s "Require users to enroll a passkey"', async () => {
    await setRole('member', { require_passkey_enrollment: 1 });
    const member = await t.signInAs(await t.createUser({ email: 'mia@acme.test', roleKey: 'member' }));
    expect((await call('GET', '/api/roles', member)).json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    expect((await call('GET', '/api/roles', t.adminCookie)).statusCode).toBe(200);
  });

  it('should make a magic-link session prove a passkey first when the role requires it', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    await setRole('admin', { require_passkey_after_magic_link: 1 });

    const magic = await t.signInAs(t.org.adminUserId); // a magic-link session
    const blocked = await call('GET', '/api/users', magic);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    expect((await verifyOnSession(magic, auth)).statusCode).toBe(200);
    expect((await call('GET', '/api/users', magic)).statusCode).toBe(200);

    const viaPasskey = await signInWithPasskey(auth);
    expect((await call('GET', '/api/users', viaPasskey.cookie)).statusCode).toBe(200);
  });

  it('should ask a magic-link user with no passkey to enrol one when the role requires a passkey after magic link', async () => {
    await setRole('admin', { require_passkey_after_magic_link: 1 });
    const magic = await t.signInAs(t.org.adminUserId);
    expect((await call('GET', '/api/users', magic)).json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    expect((await enrol(magic, authenticator())).statusCode).toBe(201);
    expect((await call('GET', '/api/users', magic)).statusCode).toBe(200);
  });
});

describe('"Require passkey after magic-link sign-in" cannot be bypassed', () => {
  it('should not let a magic-link session enrol a new passkey (or remove the old one) instead of proving the one it has', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test', roleKey: 'member' });
    const bobsPasskey = authenticator();
    expect((await enrol(await t.signInAs(bob), bobsPasskey)).statusCode).toBe(201);
    await setRole('member', { require_passkey_after_magic_link: 1 });

    // Whoever holds Bob's mailbox has a magic-link session: it must prove Bob's passkey.
    const mailbox = await t.signInAs(bob);
    const options = await call('POST', '/api/account/passkeys/registration-options', mailbox);
    expect(options.statusCode).toBe(403);
    expect(options.json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    const bobsKey = (await call('GET', '/api/account/security', mailbox)).json().passkeys[0];
    expect((await call('DELETE', `/api/account/passkeys/${bobsKey.id}`, mailbox)).json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    expect((await call('GET', '/api/auth/me', mailbox)).json().passkeyGate).toBe('PASSKEY_VERIFICATION_REQUIRED');
    expect(await auditActions('recovery')).toEqual([]);

    // With the passkey, the same session goes on and may add another.
    expect((await verifyOnSession(mailbox, bobsPasskey)).statusCode).toBe(200);
    expect((await enrol(mailbox, authenticator())).statusCode).toBe(201);
  });

  it('should let an administrator allow one audited passkey recovery for someone who lost theirs', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test', roleKey: 'member' });
    expect((await enrol(await t.signInAs(bob), authenticator())).statusCode).toBe(201);
    await setRole('member', { require_passkey_after_magic_link: 1 });

    const allowed = await call('POST', `/api/users/${bob}/passkey-recovery`, t.adminCookie, { reason: 'Lost phone, ticket 4711' });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().recoveryUntil).toBe(new Date(t.clock().getTime() + 24 * 3_600_000).toISOString());
    expect((await call('GET', `/api/users/${bob}`, t.adminCookie)).json().passkeys.recoveryUntil).toBe(allowed.json().recoveryUntil);

    const session = await t.signInAs(bob);
    expect((await enrol(session, authenticator(), 'New phone')).statusCode).toBe(201);
    expect((await call('GET', '/api/auth/me', session)).json().passkeyGate).toBeNull();
    const history = (await call('GET', `/api/users/${bob}/history`, t.adminCookie)).json().items as {
      action: string;
      reason: string | null;
      category: string;
      after: { viaAdministratorRecovery?: boolean };
    }[];
    expect(history.filter((e) => e.category === 'recovery').map((e) => e.action)).toEqual(['passkey.recovery_enrolled', 'passkey.recovery_allowed']);
    expect(history.find((e) => e.action === 'passkey.recovery_allowed')!.reason).toBe('Lost phone, ticket 4711');
    expect(history.find((e) => e.action === 'passkey.recovery_enrolled')!.after.viaAdministratorRecovery).toBe(true);

    // Used once: the next link-only session must prove a passkey again.
    expect((await call('GET', `/api/users/${bob}`, t.adminCookie)).json().passkeys.recoveryUntil).toBeNull();
    expect((await call('POST', '/api/account/passkeys/registration-options', await t.signInAs(bob))).json().error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
  });

  it('should refuse a recovery for someone with no passkey, or by someone they outrank', async () => {
    const carol = await t.createUser({ email: 'carol@acme.test', roleKey: 'member' });
    expect((await call('POST', `/api/users/${carol}/passkey-recovery`, t.adminCookie, {})).json().error.code).toBe('PASSKEY_RECOVERY_NOT_NEEDED');
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    expect((await call('POST', `/api/users/${t.org.adminUserId}/passkey-recovery`, manager, {})).json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
  });
});

describe('Step-up before sensitive actions', () => {
  it('should ask for a passkey verified within 10 minutes before a role change', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const userId = await t.createUser({ email: 'bob@acme.test' });
    const roles = (await call('GET', '/api/roles', t.adminCookie)).json();
    const viewer = (roles.items ?? roles).find((r: { name: string }) => r.name === 'Viewer');
    const session = await t.signInAs(t.org.adminUserId);

    const change = () => call('PUT', `/api/users/${userId}/role`, session, { roleId: viewer.id });
    const first = await change();
    expect(first.statusCode).toBe(403);
    expect(first.json().error.code).toBe('STEP_UP_REQUIRED');
    expect((await verifyOnSession(session, auth)).statusCode).toBe(200);
    expect((await change()).statusCode).toBe(200);

    t.clock.advance(10 * 60_000 + 1_000);
    const later = await call('PATCH', '/api/organization/settings', session, { invitationExpiryDays: 5 });
    expect(later.json().error.code).toBe('STEP_UP_REQUIRED');
  });

  it('should ask before a bulk role change, and not before a bulk group change', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const userIds = [await t.createUser({ email: 'bob@acme.test' }), await t.createUser({ email: 'cy@acme.test' })];
    const viewer = t.org.roleIds.get('viewer');
    const group = (await call('POST', '/api/groups', t.adminCookie, { name: 'Pilots' })).json().id;
    const session = await t.signInAs(t.org.adminUserId);

    const assign = () => call('POST', '/api/users/bulk', session, { action: 'assign_role', roleId: viewer, userIds });
    const refused = await assign();
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    expect((await call('GET', `/api/users?roleId=${viewer}`, t.adminCookie)).json().total).toBe(0);
    const grouped = await call('POST', '/api/users/bulk', session, { action: 'add_to_group', groupId: group, userIds });
    expect(grouped.json()).toMatchObject({ changed: 2 });
    expect((await verifyOnSession(session, auth)).statusCode).toBe(200);
    expect((await assign()).json()).toMatchObject({ changed: 2 });
  });

  it('should ask before creating a credential for another system: a service token or a webhook endpoint', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const session = await t.signInAs(t.org.adminUserId);
    const token = () => call('POST', '/api/service-tokens', session, { name: 'collector' });
    const hook = () => call('POST', '/api/webhooks', session, { url: 'https://hooks.example.com/sofie' });
    expect([(await token()).json().error?.code, (await hook()).json().error?.code]).toEqual(['STEP_UP_REQUIRED', 'STEP_UP_REQUIRED']);
    expect((await call('GET', '/api/service-tokens', session)).json().items).toEqual([]);
    expect((await verifyOnSession(session, auth)).statusCode).toBe(200);
    expect([(await token()).statusCode, (await hook()).statusCode]).toEqual([201, 201]);
  });

  it('should ask before creating, editing or deleting a role', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const session = await t.signInAs(t.org.adminUserId);
    const create = () => call('POST', '/api/roles', session, { name: 'Auditors', permissions: ['users.view'] });
    expect((await create()).json().error.code).toBe('STEP_UP_REQUIRED');
    expect((await call('PATCH', '/api/roles/x0', session, { version: 1 })).json().error.code).toBe('STEP_UP_REQUIRED');
    expect((await call('DELETE', '/api/roles/x0', session)).json().error.code).toBe('STEP_UP_REQUIRED');
    expect((await verifyOnSession(session, auth)).statusCode).toBe(200);
    expect((await create()).statusCode).toBe(201);
  });

  it('should not ask a user who has no passkey', async () => {
    const userId = await t.createUser({ email: 'bob@acme.test' });
    const roles = (await call('GET', '/api/roles', t.adminCookie)).json();
    const viewer = (roles.items ?? roles).find((r: { name: string }) => r.name === 'Viewer');
    expect((await call('PUT', `/api/users/${userId}/role`, t.adminCookie, { roleId: viewer.id })).statusCode).toBe(200);
  });

  it('should not ask right after signing in with the passkey', async () => {
    const auth = authenticator();
    await enrol(t.adminCookie, auth);
    const { cookie } = await signInWithPasskey(auth);
    const res = await call('PATCH', '/api/organization/settings', cookie, { invitationExpiryDays: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json().invitationExpiryDays).toBe(5);
  });
});

describe('Recovery with a fresh magic-link sign-in', () => {
  it('should let a fresh magic-link session add a new passkey and remove the lost one, audited as recovery', async () => {
    const lost = (await enrol(t.adminCookie, authenticator())).json();
    t.clock.advance(60 * 60_000);
    const fresh = await t.signInAs(t.org.adminUserId);
    expect((await enrol(fresh, authenticator(), 'New phone')).statusCode).toBe(201);
    expect((await call('DELETE', `/api/account/passkeys/${lost.id}`, fresh)).statusCode).toBe(200);
    expect(await auditActions('recovery')).toEqual(['passkey.recovery_enrolled']);
  });

  it('should record removal of a lost passkey as recovery', async () => {
    const lost = (await enrol(t.adminCookie, authenticator())).json();
    t.clock.advance(60 * 60_000);
    const fresh = await t.signInAs(t.org.adminUserId);
    expect((await call('DELETE', `/api/account/passkeys/${lost.id}`, fresh)).statusCode).toBe(200);
    expect(await auditActions('recovery')).toEqual(['passkey.removed']);
  });

  it('should not let an old session change passkeys without a passkey check', async () => {
    const auth = authenticator();
    const first = (await enrol(t.adminCookie, auth)).json();
    const session = await t.signInAs(t.org.adminUserId);
    t.clock.advance(11 * 60_000);
    await call('GET', '/api/auth/me', session);
    const options = await call('POST', '/api/account/passkeys/registration-options', session);
    expect(options.json().error.code).toBe('RECENT_SIGN_IN_REQUIRED');
    expect((await call('DELETE', `/api/account/passkeys/${first.id}`, session)).json().error.code).toBe('RECENT_SIGN_IN_REQUIRED');
    expect((await verifyOnSession(session, auth)).statusCode).toBe(200);
    expect((await enrol(session, authenticator())).statusCode).toBe(201);
  });
});

describe('User detail', () => {
  it('should show passkeys and a checklist item measured against the policies', async () => {
    const detail = async () => (await call('GET', `/api/users/${t.org.adminUserId}`, t.adminCookie)).json();
    let d = await detail();
    expect(d.passkeys).toMatchObject({ count: 0, synced: 0, deviceBound: 0, required: false });
    expect(d.checklist.find((i: { key: string }) => i.key === 'passkey')).toMatchObject({ state: 'attention' }); // privileged, no passkey

    await enrol(t.adminCookie, authenticator({ synced: true }));
    await enrol(t.adminCookie, authenticator());
    d = await detail();
    expect(d.passkeys).toMatchObject({ count: 2, synced: 1, deviceBound: 1 });
    expect(d.checklist.find((i: { key: string }) => i.key === 'passkey')).toMatchObject({ state: 'ok' });

    const member = await t.createUser({ email: 'mia@acme.test' });
    const m = (await call('GET', `/api/users/${member}`, t.adminCookie)).json();
    expect(m.checklist.find((i: { key: string }) => i.key === 'passkey').state).toBe('ok');
    await setOrg({ require_passkeys_all: 1 });
    const m2 = (await call('GET', `/api/users/${member}`, t.adminCookie)).json();
    expect(m2.passkeys.required).toBe(true);
    expect(m2.checklist.find((i: { key: string }) => i.key === 'passkey').state).toBe('attention');
  });
});
