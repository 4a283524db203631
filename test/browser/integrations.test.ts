import { seriousViolations } from '../helpers/axe.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The webhook endpoint added below is disabled before any event: with the address guard off, its host is never looked up.
  [app, browser] = await Promise.all([startApp({ WEBHOOK_ALLOW_PRIVATE: '1' }), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function seriousViolationsOnceOpaque(): Promise<string[]> {
  // Dialogs fade in: axe reads colours, so wait until every one is fully opaque.
  await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"]')].every((d) => getComputedStyle(d).opacity === '1'));
  return seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'] });
}

const sendUsage = (token: string) =>
  page.request.post(`${app.url}/api/usage/events`, {
    headers: { authorization: `Bearer ${token}` },
    data: { events: [{ id: `e-${Math.random()}`, email: 'admin@acme.test', type: 'chat_message', occurredAt: new Date().toISOString() }] },
  });

/** The actions of the organization's recent Admin-category audit events. */
async function adminActions(): Promise<string[]> {
  const audit = (await (await page.request.get(`${app.url}/api/audit-events?category=admin`)).json()) as { items: { action: string }[] };
  return audit.items.map((e) => e.action);
}

describe('Integrations', () => {
  it('should create a service token shown once, which a service can use until it is revoked', async () => {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByText('No service tokens yet.').waitFor();

    await page.getByRole('button', { name: 'New service token' }).click();
    const create = page.getByRole('dialog', { name: 'New service token' });
    await create.getByLabel('Name').fill('Chat usage collector');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Service token created' });
    const token = (await shown.getByLabel('Service token').innerText()).trim();
    expect(token).toMatch(/^sst_/);
    expect(await seriousViolationsOnceOpaque()).toEqual([]);
    await shown.getByRole('button', { name: 'Done' }).click();

    expect((await sendUsage(token)).status()).toBe(200);
    const row = page.getByTestId('service-token-row').filter({ hasText: 'Chat usage collector' });
    await row.getByText('active').waitFor();
    await page.reload();
    await row
      .getByText(/^(now|\d+ seconds? ago)$/)
      .first()
      .waitFor(); // created, and now last used

    await row.getByRole('button', { name: 'Revoke Chat usage collector' }).click();
    // The server's answer first: if the revoke did not go through, the failure says so, not only that the row never changed.
    const revoked = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/service-tokens/'));
    await page.getByRole('dialog', { name: 'Revoke “Chat usage collector”?' }).getByRole('button', { name: 'Revoke token' }).click();
    expect((await revoked).status()).toBe(200);
    await row.getByText('revoked').waitFor();
    expect((await sendUsage(token)).status()).toBe(401);
    expect(await adminActions()).toEqual(expect.arrayContaining(['service_token.created', 'service_token.revoked']));
  });

  it('should add a webhook endpoint with its signing secret shown once, and disable it', async () => {
    await page.goto(`${app.url}/admin/integrations`);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const add = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    await add.getByLabel('URL').fill('not a url');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    await add.getByRole('alert').waitFor();

    await add.getByLabel('URL').fill('https://hooks.example.com/sofie');
    await add.getByLabel('Description').fill('Content service');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    const shown = page.getByRole('dialog', { name: 'Endpoint added' });
    expect((await shown.getByLabel('Signing secret').innerText()).trim()).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'Done' }).click();

    const row = page.getByTestId('webhook-row').filter({ hasText: 'https://hooks.example.com/sofie' });
    await row.getByText('Content service').waitFor();
    await row.getByRole('button', { name: 'Disable https://hooks.example.com/sofie' }).click();
    await page.getByRole('dialog', { name: 'Disable this endpoint?' }).getByRole('button', { name: 'Disable endpoint' }).click();
    await row.getByText('disabled').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await seriousViolationsOnceOpaque()).toEqual([]);

    expect(await adminActions()).toEqual(expect.arrayContaining(['webhook.created', 'webhook.disabled']));
  });
});
