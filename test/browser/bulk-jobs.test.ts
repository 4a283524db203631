import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, roleIds, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;
const PEOPLE = 1_050;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
  await signInAsAdmin(page, app);
  for (let from = 0; from < PEOPLE; from += 350) {
    const entries = Array.from({ length: Math.min(350, PEOPLE - from) }, (_, i) => ({ email: `jobber${String(from + i).padStart(4, '0')}@acme.test` }));
    const invited = await page.request.post(`${app.url}/api/invitations`, { data: { entries } });
    expect(invited.status(), await invited.text()).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const usersWithRole = async (roleId: string) =>
  ((await (await page.request.get(`${app.url}/api/users/count`, { params: { roleId } })).json()) as { total: number }).total;

describe('Bulk work as jobs', () => {
  it('should run a change of more than 1,000 users as a job, show it across a reload, and undo it in one click', async () => {
    const roles = await roleIds(page.request, app);
    await page.goto(`${app.url}/admin/users?role=${roles.Member}`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByRole('button', { name: /Select all .* matching/ }).click();
    await bar.getByRole('button', { name: 'Assign role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /^Viewer/ }).click();
    await dialog.getByRole('button', { name: 'Assign role' }).click();
    await dialog.getByText('Started as a background job').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    // The job lives on the server: a reload shows it, and it runs to the end.
    await page.reload();
    const job = page.getByRole('group', { name: 'Assign role “Viewer”' });
    await job.getByText('Done').waitFor();
    await job.getByText(`1,050 of 1,050 users processed · 1,050 changed`).waitFor();
    expect(await usersWithRole(roles.Viewer)).toBe(PEOPLE);
    const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="bulk-jobs-title"]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await job.getByRole('button', { name: 'Undo' }).click();
    const undo = page.getByRole('group', { name: 'Undo of “Viewer”' });
    await undo.getByText('Done').waitFor();
    await undo.getByText(`1,050 of 1,050 users processed · 1,050 changed`).waitFor();
    expect(await usersWithRole(roles.Viewer)).toBe(0);
    await expect(job.getByRole('button', { name: 'Undo' }).count()).resolves.toBe(0);
  }, 120_000);
});
