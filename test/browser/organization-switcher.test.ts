import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

const OPERATOR_TOKEN = 'browser-test-operator-token-0123456789abcdef';

let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ OPERATOR_TOKEN }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the organization switcher', () => {
  it('should stay hidden for one organization, then switch between the two organizations of one address', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAsAdmin(page, app);
    const banner = page.getByRole('banner');
    await banner.getByText('Acme Corp · Administration').waitFor();
    expect(await banner.getByRole('button', { name: /Switch organization/ }).count()).toBe(0);

    // The operator creates a second organization whose first administrator is the same address.
    const created = await context.request.post(`${app.url}/operator/api/organizations`, {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
      data: { name: 'Globex', adminEmail: 'admin@acme.test' },
    });
    expect(created.status()).toBe(201);
    const { invitation } = (await created.json()) as { invitation: { acceptUrl: string } };
    const accepted = await context.request.post(`${app.url}/api/invitations/accept`, {
      data: { token: new URL(invitation.acceptUrl).searchParams.get('token') },
    });
    expect(accepted.status()).toBe(200);

    await page.goto(`${app.url}/admin/users`);
    const switcher = banner.getByRole('button', { name: 'Organization: Globex. Switch organization' });
    await switcher.click();
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Globex' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Acme Corp' }).click();

    await banner.getByRole('button', { name: 'Organization: Acme Corp. Switch organization' }).waitFor();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    const me = (await (await context.request.get(`${app.url}/api/auth/me`)).json()) as { organization: { name: string } };
    expect(me.organization.name).toBe('Acme Corp');
    await context.close();
  });
});
