import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, invitePerson, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';

let app: RunningApp;
let browser: Browser;
let dns: TestDnsServer;
let idp: TestIdp;
let admin: BrowserContext;
let adminPage: Page;

beforeAll(async () => {
  dns = await startDnsServer();
  [app, browser] = await Promise.all([startApp({ SSO_ALLOW_LOOPBACK_ISSUERS: '1', DNS_SERVERS: dns.address }), launchBrowser()]);
  idp = await startTestIdp({ redirectUri: `${app.url}/api/sso/oidc/callback` });
  idp.accounts.set('admin-sub', { email: 'admin@acme.test', name: 'Alice Admin' });
  idp.accounts.set('bob-sub', { email: 'bob@acme.test', name: 'Bob Builder' });
  admin = await browser.newContext({ viewport: { width: 1440, height: 1400 } });
  adminPage = await admin.newPage();
  adminPage.setDefaultTimeout(20_000);
  await signInAsAdmin(adminPage, app);
  // The organization's SSO set-up, through the API as the console would make it.
  const headers = { origin: app.url };
  const created = await admin.request.post(`${app.url}/api/sso/connections`, {
    headers,
    data: { name: 'Acme Okta', preset: 'okta', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
  });
  expect(created.status()).toBe(201);
  const claimed = (await (await admin.request.post(`${app.url}/api/sso/domains`, { headers, data: { domain: 'acme.test' } })).json()) as {
    id: string;
    txtRecord: string;
  };
  dns.txt.set('acme.test', [claimed.txtRecord]);
  expect((await admin.request.post(`${app.url}/api/sso/domains/${claimed.id}/verify`, { headers })).status()).toBe(200);
}, 120_000);

afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await app?.stop();
  await idp?.close();
  await dns?.close();
});

describe('single sign-on in the browser', () => {
  it('should run "Test connection" in a popup and show the claims and the account they map to', async () => {
    await adminPage.goto(`${app.url}/admin/settings`);
    const card = adminPage.getByRole('region', { name: 'Single sign-on' });
    idp.loginAs('admin-sub');
    const [popup] = await Promise.all([adminPage.waitForEvent('popup'), card.getByRole('button', { name: 'Test connection' }).click()]);
    await popup.waitForURL(/\/sso\/test-done/);
    await card.getByText('Signs in as Admin <admin@acme.test>.').waitFor();
    await card.getByText('"email": "admin@acme.test"').waitFor();
    await expect(card.getByText('Disable magic links when SSO is enabled').isVisible()).resolves.toBe(true);
    await adminPage.screenshot({ path: '/tmp/sso-settings.png', fullPage: true });

    await card.getByRole('button', { name: 'Add connection' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Add a single sign-on connection' });
    await dialog.getByLabel('Directory (Tenant) ID').waitFor();
    await dialog.getByText(`${app.url}/api/sso/oidc/callback`).waitFor();
    await adminPage.screenshot({ path: '/tmp/sso-add-connection.png' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('should send an address on a verified domain from the email-first sign-in page to the identity provider and back signed in', async () => {
    await invitePerson(admin.request, app, { email: 'bob@acme.test', name: 'Bob', role: 'Viewer' });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/sign-in`);
    await page.getByText('Continue with passkey').waitFor();
    await page.getByLabel('Work email').fill('bob@acme.test');
    idp.loginAs('bob-sub');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL((url) => url.origin === app.url && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/api/'));
    const me = (await (await context.request.get(`${app.url}/api/auth/me`)).json()) as { user: { email: string } };
    expect(me.user.email).toBe('bob@acme.test');
    await context.close();
  });

  it('should show the identity provider’s refusal in plain words on the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    idp.accounts.set('carol-sub', { email: 'carol@acme.test' });
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Work email').fill('carol@acme.test');
    idp.loginAs('carol-sub');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByText('There is no account for this address in the organization').waitFor();
    expect(page.url()).toContain('sso_error=NO_ACCOUNT');
    await page.screenshot({ path: '/tmp/sso-sign-in-error.png' });
    await context.close();
  });
});
