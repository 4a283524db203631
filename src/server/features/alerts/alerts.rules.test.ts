import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerItems, sampleItems, serviceToken } from '../../../../test/helpers/content.js';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.js';
import { buildTestApp, linkIn, type TestApp } from '../../../../test/helpers/test-app.js';
import { recordAudit } from '../../platform/audit.js';
import { FAILED_SIGN_IN_THRESHOLD } from './alerts.signals.js';
import type { SecurityAlert } from '../../../contracts/alerts.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = t.adminCookie, extra: object = {}) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}), ...extra });
}

/** The open alerts; each one keeps its title as a message too (test/api/alert-title-words.test.ts checks the console's wording). */
async function openAlerts(): Promise<SecurityAlert[]> {
  const res = await call('GET', '/api/security/alerts?status=open');
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json().items as SecurityAlert[];
  for (const alert of items) {
    expect(alert.titleMessage, alert.title).not.toBeNull();
  }
  return items;
}

describe('alert rules, evaluated as audit events are written', () => {
  it('should raise "privileged role granted" when someone is made Admin, and nothing when an Admin is made Member', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    expect((await call('PUT', `/api/users/${bob}/role`, { roleId: t.org.roleIds.get('admin') })).statusCode).toBe(200);
    const [alert] = await openAlerts();
    expect(alert).toMatchObject({ rule: 'privileged_role_granted', risk: 'high', subject: { id: bob }, link: `/admin/users/${bob}` });
    expect(alert.title).toBe('bob@acme.test was given the privileged role Admin.');

    expect((await call('PUT', `/api/users/${bob}/role`, { roleId: t.org.roleIds.get('member') })).statusCode).toBe(200);
    expect(await openAlerts()).toHaveLength(1);
  });

  it('should raise "security policy changed" for a role’s passkey or idle policy, not for its description', async () => {
    const created = await call('POST', '/api/roles', { name: 'Support', permissions: ['users.view'] });
    expect(created.statusCode, created.body).toBe(201);
    const role = created.json();
    expect((await call('PATCH', `/api/roles/${role.id}`, { description: 'Helps customers', version: role.version })).statusCode).toBe(200);
    expect(await openAlerts()).toEqual([]);
    const again = (await call('GET', `/api/roles/${role.id}`)).json();
    const res = await call('PATCH', `/api/roles/${role.id}`, { securityPolicy: { idleLogoutMinutes: 30 }, version: again.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(await openAlerts()).toMatchObject([
      { rule: 'security_policy_changed', title: 'The security policy of the role Support changed.', link: `/admin/roles/${role.id}` },
    ]);
  });

  it('should raise "new token" when a service token is created', async () => {
    await serviceToken(t, t.adminCookie, 'Data warehouse');
    expect(await openAlerts()).toMatchObject([{ rule: 'token_created', risk: 'medium', title: 'A new service token “Data warehouse” was created.' }]);
  });

  it('should raise "owner offboarded" when a user who still owns content is deactivated, and not for one who owns nothing', async () => {
    const [owner, other] = [await t.createUser({ email: 'owner@acme.test' }), await t.createUser({ email: 'idle@acme.test' })];
    await registerItems(t, await serviceToken(t), sampleItems(owner));
    const before = (await openAlerts()).length;
    for (const id of [owner, other]) expect((await call('POST', `/api/users/${id}/deactivate`, { reason: 'Left the company' })).statusCode).toBe(200);
    const alerts = (await openAlerts()).filter((a) => a.rule === 'owner_offboarded');
    expect(alerts).toMatchObject([{ subject: { id: owner }, title: 'owner@acme.test was deactivated while still owning content.' }]);
    expect((await openAlerts()).length).toBe(before + 1);
  });

  it('should raise "passkey removed" when a privileged user removes a passkey', async () => {
    const auth = new SoftAuthenticator({ origin: 'http://localhost:3000', rpId: 'localhost' });
    const options = await call('POST', '/api/account/passkeys/registration-options');
    const added = await call('POST', '/api/account/passkeys', { credential: auth.register(options.json().options) });
    expect(added.statusCode, added.body).toBe(201);
    const verifyOptions = await call('POST', '/api/account/passkeys/verification-options');
    expect((await call('POST', '/api/account/passkeys/verify', { credential: auth.assert(verifyOptions.json().options) })).statusCode).toBe(200);
    const removed = await call('DELETE', `/api/account/passkeys/${added.json().id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await openAlerts()).toMatchObject([{ rule: 'privileged_passkey_removed', subject: { id: t.org.adminUserId } }]);
  });

  it('should raise one "failed sign-ins" alert when an address reaches the threshold within 15 minutes', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } })).statusCode).toBe(202);
    const { token } = linkIn((await t.mailTo('admin@acme.test'))[0].text, '/sign-in/verify');
    // From many addresses, as a spread-out attempt would come (one IP alone meets the sign-in rate limit first).
    const verify = (n: number) => t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token }, remoteAddress: `198.51.100.${n}` });
    expect((await verify(0)).statusCode).toBe(200);
    // The same link again and again: each refusal (LINK_USED) is a failed sign-in of that address.
    const failedSignIns = async () => (await openAlerts()).filter((a) => a.rule === 'failed_sign_ins');
    for (let i = 1; i < FAILED_SIGN_IN_THRESHOLD; i++) expect((await verify(i)).json().error.code).toBe('LINK_USED');
    expect(await failedSignIns()).toEqual([]);
    await verify(FAILED_SIGN_IN_THRESHOLD);
    expect((await failedSignIns()).map((a) => a.title)).toEqual(['Many failed sign-ins for address admin@acme.test within 15 minutes.']);
    await verify(FAILED_SIGN_IN_THRESHOLD + 1);
    expect(await failedSignIns()).toHaveLength(1);
  });

  it('should count failed sign-ins per IP too, across addresses', async () => {
    const ctx = { deps: t.deps, organizationId: t.org.organizationId, actor: null, ip: '203.0.113.66', userAgent: 'curl/8' };
    // As auth writes a refused link (auth.magic_link_failed), for a different address each time.
    const refusedLink = (i: number) => ({
      action: 'auth.magic_link_failed' as const,
      category: 'auth' as const,
      risk: 'medium' as const,
      subject: { type: 'user', id: `u${i}`, label: `p${i}@acme.test` },
    });
    for (let i = 0; i < FAILED_SIGN_IN_THRESHOLD; i++) await t.deps.db.transaction().execute((trx) => recordAudit(trx, ctx, refusedLink(i)));
    expect((await openAlerts()).map((a) => a.title)).toEqual(['Many failed sign-ins for IP 203.0.113.66 within 15 minutes.']);
  });

  it('should raise "new device" when an Admin signs in from a browser never seen before, but not on their first sign-in or a known one', async () => {
    const signIn = async (userAgent: string, ip: string) => {
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } })).statusCode).toBe(202);
      const mails = await t.mailTo('admin@acme.test');
      const { token } = linkIn(mails[mails.length - 1].text, '/sign-in/verify');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link/verify',
        payload: { token },
        headers: { 'user-agent': userAgent },
        remoteAddress: ip,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const chrome = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    await signIn(firefox, '203.0.113.10');
    await signIn(firefox, '203.0.113.99');
    expect(await openAlerts()).toEqual([]);
    await signIn(chrome, '203.0.113.10');
    expect(await openAlerts()).toMatchObject([
      { rule: 'admin_new_origin', title: 'admin@acme.test (privileged) signed in from a new device: Chrome on macOS.' },
    ]);
    await signIn(chrome, '192.0.2.5');
    expect((await openAlerts())[0]).toMatchObject({ title: 'admin@acme.test (privileged) signed in from a new network: 192.0.2.0/24.' });
  });
});
