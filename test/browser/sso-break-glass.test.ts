import { axeCheck } from '../helpers/axe.js';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivePerson, launchBrowser, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';

/**
 * "Disable magic links when SSO is enabled" in a real Chromium: a named break-glass administrator
 * with a passkey (Chromium's virtual WebAuthn authenticator) still gets in by emailed link plus
 * passkey when the identity provider is down; everyone else on the verified domain is told to use
 * single sign-on and gets no link.
 */
let app: RunningApp;
let browser: Browser;
let dns: TestDnsServer;
let idp: TestIdp;
let admin: BrowserContext;
let adminPage: Page;
let cdp: CDPSession;

async function withAuthenticator(context: BrowserContext, page: Page): Promise<CDPSession> {
  const session = await context.newCDPSession(page);
  await session.send('WebAuthn.enable');
  await session.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return session;
}

/** The organization's SSO set-up, ready for "Disable magic links": tested, and the administrator signed in through it. */
async function setUpSso(): Promise<void> {
  const headers = { origin: app.url };
  const created = await admin.request.post(`${app.url}/api/sso/connections`, {
    headers,
    data: { name: 'Acme Okta', preset: 'okta', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
  });
  expect(created.status()).toBe(201);
  const connectionId = ((await created.json()) as { id: string }).id;
  const claimed = (await (await admin.request.post(`${app.url}/api/sso/domains`, { headers, data: { domain: 'acme.test' } })).json()) as {
    id: string;
    txtRecord: string;
  };
  dns.txt.set('acme.test', [claimed.txtRecord]);
  expect((await admin.request.post(`${app.url}/api/sso/domains/${claimed.id}/verify`, { headers })).status()).toBe(200);
  idp.loginAs('admin-sub');
  await adminPage.goto(`${app.url}/api/sso/connections/${connectionId}/test`);
  await adminPage.waitForURL(/\/sso\/test-done/);
  // An administrator's own sign-in through the connection, in a browser of its own.
  const other = await browser.newContext();
  const page = await other.newPage();
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Work email').fill('admin@acme.test');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { name: 'Users' }).waitFor();
  await other.close();
}

beforeAll(async () => {
  dns = await startDnsServer();
  [app, browser] = await Promise.all([startApp({ SSO_ALLOW_LOOPBACK_ISSUERS: '1', DNS_SERVERS: dns.address }), launchBrowser()]);
  idp = await startTestIdp({ redirectUri: `${app.url}/api/sso/oidc/callback` });
  idp.accounts.set('admin-sub', { email: 'admin@acme.test', name: 'Alice Admin' });
  admin = await browser.newContext({ viewport: { width: 1440, height: 1200 } });
  adminPage = await admin.newPage();
  adminPage.setDefaultTimeout(20_000);
  cdp = await withAuthenticator(admin, adminPage);
  await signInAsAdmin(adminPage, app);
  await setUpSso();
  // The administrator's passkey, from Account security (enrolling counts as a passkey check for step-up).
  await adminPage.goto(`${app.url}/account/security`);
  await adminPage.getByRole('button', { name: 'Add passkey' }).click();
  await adminPage.getByRole('table', { name: 'Registered passkeys' }).getByRole('row').nth(1).waitFor();
  await addActivePerson(browser, admin.request, app, { email: 'bob@acme.test', name: 'Bob Builder', role: 'Viewer' });
  const me = (await (await admin.request.get(`${app.url}/api/auth/me`)).json()) as { user: { id: string } };
  const saved = await admin.request.put(`${app.url}/api/sso/settings`, {
    headers: { origin: app.url },
    data: { disableMagicLinks: true, breakGlassUserIds: [me.user.id], reason: 'Browser test' },
  });
  expect(saved.status(), await saved.text()).toBe(200);
}, 120_000);

afterAll(async () => {
  await cdp?.detach().catch(() => undefined);
  await admin?.close();
  await browser?.close();
  await app?.stop();
  await idp?.close();
  await dns?.close();
});

async function mailCount(to: string): Promise<number> {
  const mail = (await (await admin.request.get(`${app.url}/api/mailbox?limit=100`)).json()) as { items: { to: string; subject: string }[] };
  return mail.items.filter((m) => m.to === to && m.subject.includes('sign-in link')).length;
}

describe('"Disable magic links when SSO is enabled" in the browser', () => {
  it('should let a named administrator with a passkey in by break-glass link plus passkey while the identity provider is down', async () => {
    await idp.close(); // the identity provider is down from here on
    // The administrator's own browser (same authenticator, a fresh sign-in).
    await adminPage.evaluate(() => fetch('/api/auth/sign-out', { method: 'POST' }));
    await adminPage.goto(`${app.url}/sign-in?break-glass=1`);
    await adminPage.getByText('Break-glass sign-in', { exact: true }).waitFor();
    await adminPage.getByLabel('Work email').fill('admin@acme.test');
    await adminPage.getByRole('button', { name: 'Continue', exact: true }).click();
    await adminPage.getByText('Magic links are disabled').waitFor();
    await adminPage.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await adminPage.getByText('Check your email').waitFor();
    await adminPage.goto(`${app.url}/mailbox`);
    await adminPage
      .getByTestId('mail')
      .filter({ hasText: 'To: admin@acme.test' })
      .filter({ hasText: 'Your Sofie sign-in link' })
      .first()
      .getByRole('link')
      .click();
    // A break-glass session proves the passkey before anything else.
    await adminPage.waitForURL('**/account/verify-passkey**');
    await adminPage.getByRole('button', { name: 'Use your passkey' }).click();
    await adminPage.getByRole('heading', { name: 'Users' }).waitFor();
    const sessions = (await (await admin.request.get(`${app.url}/api/auth/me`)).json()) as { user: { email: string } };
    expect(sessions.user.email).toBe('admin@acme.test');
  });

  it('should tell anyone else on the verified domain to use single sign-on, and send them no link', async () => {
    const before = await mailCount('bob@acme.test');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${app.url}/sign-in?break-glass=1`);
      await page.getByLabel('Work email').fill('bob@acme.test');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByText('Your organization signs in through single sign-on.').waitFor();
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByText('Check your email').waitFor();
      expect(await mailCount('bob@acme.test')).toBe(before);
    } finally {
      await context.close();
    }
  });

  it('should add a group-to-role rule from the connection’s settings, without accessibility violations', async () => {
    await adminPage.goto(`${app.url}/admin/settings`);
    const mapping = adminPage.getByLabel('Attribute mapping of Acme Okta');
    await mapping.getByLabel('Groups claim').waitFor();
    await expect(mapping.getByLabel('Groups claim').inputValue()).resolves.toBe('groups');
    await mapping.getByLabel('IdP group').fill('sofie-viewers');
    await mapping.getByRole('combobox', { name: 'Role' }).click();
    await adminPage.getByRole('option', { name: 'Viewer', exact: true }).click();
    await mapping.getByRole('button', { name: 'Add rule' }).click();
    const rules = mapping.getByRole('table', { name: 'Group-to-role rules of Acme Okta' });
    await rules.getByRole('cell', { name: 'sofie-viewers', exact: true }).waitFor();
    await expect(rules.getByRole('cell', { name: 'Viewer', exact: true }).isVisible()).resolves.toBe(true);
    const results = await axeCheck(adminPage, { include: 'main' });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await adminPage.screenshot({ path: '/tmp/sso-attribute-mapping.png', fullPage: true });
  });
  it('should mark a break-glass administrator who has since been demoted as no longer able to use it', async () => {
    const carol = await signInAsNewPerson(browser, admin.request, app, { email: 'carol@elsewhere.test', name: 'Carol Keys', role: 'Admin' });
    try {
      const carolCdp = await withAuthenticator(carol.context, carol.page);
      await carol.page.goto(`${app.url}/account/security`);
      await carol.page.getByRole('button', { name: 'Add passkey' }).click();
      await carol.page.getByRole('table', { name: 'Registered passkeys' }).getByRole('row').nth(1).waitFor();
      await carolCdp.detach();
    } finally {
      await carol.context.close();
    }
    const me = (await (await admin.request.get(`${app.url}/api/auth/me`)).json()) as { user: { id: string } };
    const headers = { origin: app.url };
    const named = await admin.request.put(`${app.url}/api/sso/settings`, {
      headers,
      data: { disableMagicLinks: true, breakGlassUserIds: [me.user.id, carol.userId], reason: 'Browser test' },
    });
    expect(named.status(), await named.text()).toBe(200);
    const roles = (await (await admin.request.get(`${app.url}/api/roles?limit=200`)).json()) as { items: { id: string; name: string }[] };
    const viewer = roles.items.find((r) => r.name === 'Viewer')!;
    const demoted = await admin.request.put(`${app.url}/api/users/${carol.userId}/role`, { headers, data: { roleId: viewer.id } });
    expect(demoted.status(), await demoted.text()).toBe(200);

    await adminPage.goto(`${app.url}/admin/settings`);
    const breakGlass = adminPage.getByRole('alert').filter({ hasText: 'Break-glass administrators' });
    await breakGlass.getByText('Carol Keys <carol@elsewhere.test>').waitFor();
    await breakGlass.getByText('No longer an administrator', { exact: true }).waitFor();
    await breakGlass.getByText('Those marked cannot use break-glass sign-in now', { exact: false }).waitFor();
    await expect(breakGlass.getByText('No passkey', { exact: true }).count()).resolves.toBe(0);
    const results = await axeCheck(adminPage, { include: 'main' });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await breakGlass.screenshot({ path: '/tmp/sso-break-glass-demoted.png' });
  });
});
