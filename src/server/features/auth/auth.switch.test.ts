import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function organizations(cookie: string) {
  return t.app.inject({ method: 'GET', url: '/api/auth/organizations', headers: { cookie } });
}

function switchTo(cookie: string, organizationId: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/switch-organization', headers: { cookie }, payload: { organizationId } });
}

function sessionCookie(res: Awaited<ReturnType<typeof switchTo>>): string {
  return `sofie_session=${res.cookies.find((c) => c.name === 'sofie_session')!.value}`;
}

describe('the organization switcher', () => {
  it('should list only the signed-in organization for an address that has one account', async () => {
    const res = await organizations(t.adminCookie);
    expect(res.json()).toEqual({ items: [{ id: t.org.organizationId, name: 'Acme Corp', current: true }], nextCursor: null });
  });

  it('should list every organization where the address has an active account, and not the others', async () => {
    const globex = await t.newOrganization('Globex', 'ADMIN@acme.test');
    await t.newOrganization('Initech', 'someone@initech.test');
    const hooli = await t.newOrganization('Hooli', 'root@hooli.test');
    await t.createUser({ email: 'admin@acme.test', status: 'deactivated', organizationId: hooli.organizationId });
    const res = await organizations(t.adminCookie);
    expect(res.json().items).toEqual([
      { id: t.org.organizationId, name: 'Acme Corp', current: true },
      { id: globex.organizationId, name: 'Globex', current: false },
    ]);
  });

  it('should sign in to the other organization, end this session, keep its end time and audit the sign-in there', async () => {
    const globex = await t.newOrganization('Globex', 'admin@acme.test');
    const switched = await switchTo(t.adminCookie, globex.organizationId);
    expect(switched.statusCode, switched.body).toBe(200);
    const cookie = sessionCookie(switched);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ organization: { id: globex.organizationId, name: 'Globex' }, user: { email: 'admin@acme.test' } });
    expect((await organizations(cookie)).json().items.find((o: { current: boolean }) => o.current).name).toBe('Globex');
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.adminCookie } });
    expect(old.json().error.code).toBe('SESSION_EXPIRED');

    const audit = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie } });
    const signIn = audit.json().items.find((e: { action: string }) => e.action === 'auth.signed_in');
    expect(signIn).toMatchObject({ after: { method: 'organization_switch', fromOrganizationId: t.org.organizationId } });

    // Switching back and forth never extends the first sign-in's 24 hours.
    t.clock.advance(20 * 3_600_000);
    const back = sessionCookie(await switchTo(cookie, t.org.organizationId));
    t.clock.advance(4 * 3_600_000 + 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: back } })).statusCode).toBe(401);
  });

  it('should refuse an organization where the address has no active account, or that is suspended', async () => {
    const initech = await t.newOrganization('Initech', 'someone@initech.test');
    const hooli = await t.newOrganization('Hooli', 'root@hooli.test');
    await t.createUser({ email: 'admin@acme.test', status: 'deactivated', organizationId: hooli.organizationId });
    const globex = await t.newOrganization('Globex', 'admin@acme.test');
    // Suspended as the operator's suspension leaves it (the operator API has its own tests).
    await t.deps.db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', globex.organizationId).execute();
    expect((await organizations(t.adminCookie)).json().items.map((o: { name: string }) => o.name)).toEqual(['Acme Corp']);
    for (const id of [initech.organizationId, hooli.organizationId, globex.organizationId, t.org.organizationId, 'no-such-org']) {
      const res = await switchTo(t.adminCookie, id);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.code).toBe('ORGANIZATION_NOT_AVAILABLE');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.adminCookie } })).statusCode).toBe(200);
  });

  it('should hold the new session to the other organization’s passkey policy', async () => {
    const globex = await t.newOrganization('Globex', 'admin@acme.test');
    const policy = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: { cookie: globex.adminCookie },
      payload: { requirePasskeysForAllUsers: true },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const cookie = sessionCookie(await switchTo(t.adminCookie, globex.organizationId));
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().passkeyGate).toBe('PASSKEY_ENROLLMENT_REQUIRED');
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(users.json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
  });

  it('should not switch without a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/switch-organization', payload: { organizationId: t.org.organizationId } });
    expect(res.statusCode).toBe(401);
  });
});
