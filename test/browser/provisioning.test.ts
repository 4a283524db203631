import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('Integrations → Provisioning', () => {
  it('should turn SCIM on, create a token shown once, and show the person an identity provider provisions with it on the Users page', async () => {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Integrations' }).click();
    const card = page.getByRole('region', { name: 'Provisioning' });
    await card.getByText('No SCIM tokens yet.').waitFor();
    expect((await card.getByLabel('SCIM base URL').innerText()).trim()).toBe(`${app.url}/scim/v2`);

    await card.getByRole('switch', { name: /Enable SCIM provisioning/ }).click();
    await card.getByRole('switch', { name: /Enable SCIM provisioning/, checked: true }).waitFor();
    await card.getByRole('button', { name: 'New SCIM token' }).click();
    const create = page.getByRole('dialog', { name: 'New SCIM token' });
    await create.getByLabel('Label').fill('Okta');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'SCIM token created' });
    const token = (await shown.getByLabel('SCIM token').innerText()).trim();
    expect(token).toMatch(/^scim_/);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await shown.getByRole('button', { name: 'Done' }).click();
    await card.getByTestId('scim-token-row').filter({ hasText: 'Okta' }).getByText('Never').waitFor();

    // Okta provisions someone, as its SCIM client would.
    const res = await page.request.post(`${app.url}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      data: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'dade.murphy@example.com',
        name: { givenName: 'Dade', familyName: 'Murphy' },
        emails: [{ value: 'dade.murphy@example.com', type: 'work', primary: true }],
        active: true,
      },
    });
    expect(res.status()).toBe(201);

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
    const row = page.getByTestId('user-row').filter({ hasText: 'dade.murphy@example.com' });
    await row.getByText('Dade Murphy').waitFor();
    await row.getByTestId('provisioned-badge').getByText('Provisioned by Okta').waitFor();
  });
});
