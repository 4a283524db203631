import { seriousViolations } from '../helpers/axe.js';
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
  it('should turn SCIM on, create a token shown once, show the person an identity provider provisions, map its group to a role, and log its requests', async () => {
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
    // The dialog fades in: axe reads colours, so wait until it is fully opaque.
    await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"]')].every((d) => getComputedStyle(d).opacity === '1'));
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'] })).toEqual([]);
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

    // Okta pushes a group with Dade in it; an administrator maps it to a role in the console.
    const dade = (await res.json()) as { id: string };
    const pushed = await page.request.post(`${app.url}/scim/v2/Groups`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sofie Publishers', members: [{ value: dade.id }] },
    });
    expect(pushed.status()).toBe(201);
    const failed = await page.request.get(`${app.url}/scim/v2/Users/no-such-person`, { headers: { authorization: `Bearer ${token}` } });
    expect(failed.status()).toBe(404);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Integrations' }).click();
    const mappings = card.getByRole('region', { name: 'Group-to-role mappings' });
    await mappings.getByRole('combobox', { name: 'IdP group', exact: true }).click();
    await page.getByRole('option', { name: 'Sofie Publishers' }).click();
    await mappings.getByRole('combobox', { name: 'Role', exact: true }).click();
    await page.getByRole('option', { name: 'Publisher', exact: true }).click();
    await mappings.getByRole('button', { name: 'Add mapping' }).click();
    await page.getByText('Sofie Publishers → Publisher: 1 person changed role.').waitFor();
    await mappings.getByTestId('role-mapping-row').filter({ hasText: 'Sofie Publishers' }).getByText('active').waitFor();

    // The log of provisioning requests, narrowed to failures.
    const log = card.getByRole('region', { name: 'Recent provisioning requests' });
    await log.getByRole('button', { name: 'Refresh' }).click();
    await log.getByTestId('scim-request-row').filter({ hasText: 'create User' }).first().waitFor();
    await log.getByText('Failures').click();
    const failure = log.getByTestId('scim-request-row').filter({ hasText: 'no-such-person' });
    await failure.getByText(/No User no-such-person/).waitFor();
    expect(await log.getByTestId('scim-request-row').count()).toBe(1);

    // Dade's page: the role the mapping gave, the provider's marker, and status changes left to the provider.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-row').filter({ hasText: 'dade.murphy@example.com' }).getByText('Publisher', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Dade Murphy' }).click();
    await page.getByTestId('idp-owned-note').getByText('managed in Okta').waitFor();
    expect(await page.getByRole('button', { name: 'Deactivate' }).isDisabled()).toBe(true);
  });
});
