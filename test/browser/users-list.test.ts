import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;

const PEOPLE = ['Zoe Quinn', 'Adam Quill', 'Maya Quint', 'Bob Stone', 'Quentin Ash'];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  const invited = await page.request.post(`${app.url}/api/invitations`, {
    data: { entries: PEOPLE.map((name) => ({ email: `${name.toLowerCase().replace(' ', '.')}@acme.test`, name })) },
  });
  expect(invited.status()).toBe(200);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function emailsOnScreen(p: Page): Promise<string[]> {
  const rows = p.getByTestId('user-row');
  const out: string[] = [];
  for (const row of await rows.all()) out.push((await row.locator('td').nth(2).innerText()).trim());
  return out;
}

describe('Users list: the URL keeps the view', () => {
  it('should put search, filter and sort in the URL and show the same view after a reload', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();

    // Case-insensitive substring of name or email.
    await page.getByRole('textbox', { name: 'Search users' }).fill('QU');
    await page.waitForURL(/[?&]q=QU/);
    await page.getByRole('combobox', { name: 'Filter by status' }).click();
    await page.getByRole('option', { name: 'Invited', exact: true }).click();
    await page.waitForURL(/status=invited/);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.waitForURL(/sort=name&order=asc/);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.waitForURL(/sort=name&order=desc/);

    const expected = ['zoe.quinn@acme.test', 'quentin.ash@acme.test', 'maya.quint@acme.test', 'adam.quill@acme.test'];
    await expect.poll(() => emailsOnScreen(page)).toEqual(expected);
    await page.getByText('4 matching users').waitFor();

    const url = page.url();
    await page.reload();
    await page.getByTestId('user-row').first().waitFor();
    expect(page.url()).toBe(url);
    await expect.poll(() => emailsOnScreen(page)).toEqual(expected);
    await expect(page.getByRole('textbox', { name: 'Search users' }).inputValue()).resolves.toBe('QU');
    await expect(page.getByRole('combobox', { name: 'Filter by status' }).inputValue()).resolves.toBe('Invited');

    // A shared link opens the same view in another browser session of the same admin.
    const other = await page.context().newPage();
    await other.goto(url);
    await expect.poll(() => emailsOnScreen(other)).toEqual(expected);
    await other.close();

    // The export is the filtered view.
    const csv = await page.request.get(`${app.url}/api/users/export.csv?search=QU&status=invited&sort=name&order=desc`);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(1 + expected.length);
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toContain('search=QU');
    expect(href).toContain('status=invited');

    // Back in history undoes the last sort change.
    await page.goBack();
    await page.waitForURL(/order=asc/);
    await expect.poll(() => emailsOnScreen(page)).toEqual([...expected].reverse());
  });

  it('should select all matching users and add them to a group in one bulk action, showing the result', async () => {
    const group = await page.request.post(`${app.url}/api/groups`, { data: { name: 'Q team' } });
    expect(group.status()).toBe(201);
    await page.goto(`${app.url}/admin/users?q=qu`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('4 users selected').waitFor();
    await bar.getByRole('button', { name: 'Add to group' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Group' }).click();
    await page.getByRole('option', { name: 'Q team' }).click();
    await dialog.getByRole('button', { name: 'Add to group' }).click();
    await dialog.getByText('4 of 4 users changed.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await page.goto(`${app.url}/admin/users?q=qu`);
    await expect.poll(async () => page.getByTestId('user-row').filter({ hasText: 'Q team' }).count()).toBe(4);
  });

  it('should page with Next and Previous, keeping the page in the URL across a reload', async () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ email: `pager${String(i).padStart(2, '0')}@acme.test` }));
    const invited = await page.request.post(`${app.url}/api/invitations`, { data: { entries } });
    expect(invited.status()).toBe(200);
    await page.goto(`${app.url}/admin/users?q=pager&sort=email&order=asc`);
    await page.getByText('1–50 of 60').waitFor();
    await expect(page.getByRole('button', { name: 'Previous' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('51–60 of 60').waitFor();
    expect(page.url()).toContain('cursor=');
    await expect.poll(() => emailsOnScreen(page)).toEqual(entries.slice(50).map((e) => e.email));
    await expect(page.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(true);
    await page.reload();
    await page.getByText('51–60 of 60').waitFor();
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('1–50 of 60').waitFor();
    expect(page.url()).not.toContain('cursor=');
    await expect.poll(async () => (await emailsOnScreen(page))[0]).toBe('pager00@acme.test');
  });

  it("should say a common search's total is counted up to 1,000 and count it exactly on request", async () => {
    const emails = Array.from({ length: 1_010 }, (_, i) => `tally${String(i).padStart(4, '0')}@acme.test`);
    for (let i = 0; i < emails.length; i += 500) {
      const invited = await page.request.post(`${app.url}/api/invitations`, { data: { entries: emails.slice(i, i + 500).map((email) => ({ email })) } });
      expect(invited.status()).toBe(200);
    }
    await page.goto(`${app.url}/admin/users?q=tally`);
    await page.getByText(`${(1_000).toLocaleString()}+ matching users (counted up to ${(1_000).toLocaleString()})`).waitFor();
    await page.getByRole('button', { name: 'Count all' }).click();
    await page.getByText(`${(1_010).toLocaleString()} matching users`).waitFor();
    await expect(page.getByRole('button', { name: 'Count all' }).count()).resolves.toBe(0);
    // Another search is counted afresh, up to the cap.
    await page.goto(`${app.url}/admin/users?q=tally0`);
    await page.getByText(`${(1_000).toLocaleString()} matching users`).waitFor();
  });

  it('should show every status and group name in full when the table is crowded', async () => {
    const group = await page.request.post(`${app.url}/api/groups`, { data: { name: 'Sales Americas' } });
    const crowded = await page.request.post(`${app.url}/api/invitations`, {
      data: {
        entries: [{ email: 'bartholomew.featherstonehaugh-wright@acme.test', name: 'Bartholomew Featherstonehaugh-Wright' }],
        groupId: (await group.json()).id,
      },
    });
    expect(crowded.status()).toBe(200);
    const narrow = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: await page.context().storageState() })).newPage();
    await narrow.goto(`${app.url}/admin/users?q=featherstonehaugh`);
    const row = narrow.getByTestId('user-row').first();
    await row.getByText('Sales Americas').waitFor();
    // A badge label narrower than its text is cut with an ellipsis: "Sales Ameri…", "i…".
    const clipped = await row
      .locator('.mantine-Badge-label')
      .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    expect(clipped).toEqual([]);
    await narrow.context().close();
  });
});
