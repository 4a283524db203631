import { axeCheck } from '../helpers/axe.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpReceiver, type HttpReceiver } from '../helpers/receivers.js';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;
let siem: HttpReceiver;

beforeAll(async () => {
  siem = await httpReceiver();
  [app, browser] = await Promise.all([startApp({ WEBHOOK_ALLOW_PRIVATE: '1' }), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await siem?.close();
});

describe('Security Center alerts', () => {
  it('should count an open alert in the navigation, and dismiss it only with a reason that stays visible', async () => {
    const token = await page.request.post(`${app.url}/api/service-tokens`, { data: { name: 'Warehouse sync' } });
    expect(token.status()).toBe(201);
    await page.goto(`${app.url}/admin/security/alerts`);
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await expect.poll(() => nav.getByRole('link', { name: /Security Center/ }).innerText()).toMatch(/1/);

    const row = page.getByTestId('alert-row').filter({ hasText: 'A new service token “Warehouse sync” was created.' });
    await row.getByRole('button', { name: 'Dismiss' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss alert?' });
    await dialog.getByRole('button', { name: 'Dismiss alert' }).click();
    await dialog.getByText('Give the business reason for this change.').waitFor();
    expect((await axeCheck(page, { include: '[role="dialog"]' })).violations.map((v) => v.id)).toEqual([]);
    await dialog.getByLabel('Business reason').fill('Expected: the data team asked for it (SEC-42)');
    await dialog.getByRole('button', { name: 'Dismiss alert' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No open alerts.', { exact: false }).waitFor();

    await page.getByText('Dismissed', { exact: true }).click();
    await page.getByTestId('alert-row').getByText('dismissed: Expected: the data team asked for it (SEC-42)').waitFor();
    expect((await axeCheck(page)).violations.map((v) => v.id)).toEqual([]);
  });

  it('should stream audit events to a SIEM destination added on the Integrations page', async () => {
    await page.goto(`${app.url}/admin/integrations`);
    const card = page.getByRole('region', { name: 'Log streaming' });
    await card.getByRole('button', { name: 'Add destination' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add log stream destination' });
    await dialog.getByLabel('Name').fill('Splunk HEC');
    await dialog.getByLabel('URL').fill(siem.url);
    await dialog.getByRole('button', { name: 'Add destination' }).click();
    const secret = page.getByRole('dialog', { name: 'Destination added' });
    await expect.poll(async () => (await secret.innerText()).includes('lssec_')).toBe(true);
    await secret.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => siem.received.length).toBeGreaterThan(0);
    expect(JSON.parse(siem.received[0].body).events[0]).toMatchObject({ action: 'log_stream.created' });
    await card.getByTestId('log-stream-row').getByText('Splunk HEC').waitFor();
  });
});
