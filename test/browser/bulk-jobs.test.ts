import { axeCheck } from '../helpers/axe.js';
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
    const axe = await axeCheck(page, { include: 'section[aria-labelledby="bulk-jobs-title"]' });
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await job.getByRole('button', { name: 'Undo' }).click();
    const undo = page.getByRole('group', { name: 'Undo of “Viewer”' });
    await undo.getByText('Done').waitFor();
    await undo.getByText(`1,050 of 1,050 users processed · 1,050 changed`).waitFor();
    expect(await usersWithRole(roles.Viewer)).toBe(0);
    await expect(job.getByRole('button', { name: 'Undo' }).count()).resolves.toBe(0);
  }, 120_000);

  it('should import a CSV of more than 1,000 rows as a job, follow it in the Invite dialog across a reload, and report the rows it rejected', async () => {
    const lines = ['email,role,group,name', ...Array.from({ length: 1_000 }, (_, i) => `csvjob${String(i).padStart(4, '0')}@acme.test,,,`)];
    lines.push('CSVJOB0007@acme.test,,,', 'wizard@acme.test,Wizard,,');
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('button', { name: 'Invite New User' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite New User' });
    await dialog.getByRole('tab', { name: 'Upload CSV' }).click();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await dialog.getByText('Runs as a background job').waitFor();
    await dialog.getByRole('button', { name: 'Start import of 1,002 rows' }).click();
    await dialog.getByText('Import of “big.csv”', { exact: false }).waitFor();

    // The job lives on the server: after a reload the Users page lists it and the CSV tab follows it again.
    await page.reload();
    const job = page.getByRole('group', { name: 'Invite from “big.csv”' });
    await job.getByText('1,002 of 1,002 rows processed · 1,000 invited or updated', { exact: false }).waitFor();
    await job.getByText('Undo does not apply to invitations', { exact: false }).waitFor();
    await expect(job.getByRole('button', { name: 'Undo' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Invite New User' }).click();
    await dialog.getByRole('tab', { name: 'Upload CSV' }).click();
    await dialog.getByText('Finished').waitFor();
    await dialog.getByText('1,000 invited or updated · 2 rejected').waitFor();
    const table = dialog.getByRole('table', { name: 'Rejected rows' });
    await expect(table.getByRole('row', { name: /1001.*CSVJOB0007@acme\.test.*rejected.*more than once/ }).count()).resolves.toBe(1);
    await expect(table.getByRole('row', { name: /1002.*wizard@acme\.test.*rejected.*Unknown role "Wizard"/ }).count()).resolves.toBe(1);
    const download = page.waitForEvent('download');
    await dialog.getByRole('link', { name: 'Download results' }).click();
    const text = await (await (await download).createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
    expect(text.split(/\r?\n/)).toHaveLength(1_003);
    expect(text).toContain('1002,wizard@acme.test,rejected,');
    const axe = await axeCheck(page, { include: '[role=dialog]' });
    expect(axe.violations.map((v) => [v.id, v.nodes.map((n) => n.html + n.failureSummary)])).toEqual([]);

    // Done puts the finished import away: the tab offers a file again.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Invite New User' }).click();
    await dialog.getByRole('tab', { name: 'Upload CSV' }).click();
    await dialog.locator('input[type=file]').waitFor({ state: 'attached' });
  }, 120_000);
});
