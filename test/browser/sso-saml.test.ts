import { axeCheck } from '../helpers/axe.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, invitePerson, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startSamlIdp, type TestSamlIdp } from '../helpers/saml-idp.js';

let app: RunningApp;
let browser: Browser;
let dns: TestDnsServer;
let idp: TestSamlIdp;
let admin: BrowserContext;
let adminPage: Page;

beforeAll(async () => {
  dns = await startDnsServer();
  [app, browser] = await Promise.all([startApp({ SSO_ALLOW_LOOPBACK_ISSUERS: '1', DNS_SERVERS: dns.address }), launchBrowser()]);
  // Same site as the app (plain http: the state cookie is SameSite=Lax), as an https deployment would be with SameSite=None.
  idp = await startSamlIdp({ browserHost: new URL(app.url).hostname });
  idp.accounts.set('admin@acme.test', { email: 'admin@acme.test', displayName: 'Alice Admin' });
  idp.accounts.set('bob@acme.test', { email: 'bob@acme.test', displayName: 'Bob Builder', groups: ['Engineering'] });
  admin = await browser.newContext({ viewport: { width: 1440, height: 1400 } });
  adminPage = await admin.newPage();
  adminPage.setDefaultTimeout(20_000);
  await signInAsAdmin(adminPage, app);
  const headers = { origin: app.url };
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

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const result = await axeCheck(page, { include });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary ?? ''}`).join('; ')}`);
}

describe('SAML single sign-on in the browser', () => {
  it('should add a SAML connection from its metadata URL, show what to copy to the identity provider, and pass "Test connection"', async () => {
    await adminPage.goto(`${app.url}/admin/settings`);
    const card = adminPage.getByRole('region', { name: 'Single sign-on' });
    await card.getByRole('button', { name: 'Add connection' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Add a single sign-on connection' });
    await dialog.getByText('SAML 2.0').click();
    await dialog.getByLabel('Name').fill('Acme SAML');
    await dialog.getByText('From a URL').click();
    await dialog.getByLabel('Metadata URL').fill(idp.metadataUrl);
    await dialog.waitFor({ state: 'visible' });
    expect(await axeViolations(adminPage, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const connection = card.getByLabel('Connection Acme SAML');
    const settings = connection.getByRole('table', { name: 'Service provider settings' });
    await settings.getByText(/\/api\/sso\/saml\/[^/]+\/acs$/).waitFor();
    await connection.getByText(idp.entityId, { exact: false }).waitFor();
    expect(await axeViolations(adminPage)).toEqual([]);

    idp.loginAs('admin@acme.test');
    const [popup] = await Promise.all([adminPage.waitForEvent('popup'), connection.getByRole('button', { name: 'Test connection' }).click()]);
    await popup.waitForURL(/\/sso\/test-done/);
    await connection.getByText(/^Signs in as .* <admin@acme\.test>\.$/).waitFor();
    await connection.getByText('"email": "admin@acme.test"').waitFor();
    await adminPage.screenshot({ path: '/tmp/sso-saml-settings.png', fullPage: true });
  });

  it('should send an address on a verified domain from the sign-in page through the SAML identity provider and back signed in', async () => {
    await invitePerson(admin.request, app, { email: 'bob@acme.test', name: 'Bob', role: 'Viewer' });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Work email').fill('bob@acme.test');
    idp.loginAs('bob@acme.test');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL((url) => url.origin === app.url && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/api/'));
    const me = (await (await context.request.get(`${app.url}/api/auth/me`)).json()) as { user: { email: string } };
    expect(me.user.email).toBe('bob@acme.test');

    await context.close();
  });

  it('should show a refusal in plain words on the sign-in page (an unsigned response)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Work email').fill('bob@acme.test');
    idp.loginAs('bob@acme.test');
    idp.next({ sign: 'none' });
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByText('The SAML response is not signed').waitFor();
    expect(page.url()).toContain('sso_error=SAML_UNSIGNED');
    await context.close();
  });
});
