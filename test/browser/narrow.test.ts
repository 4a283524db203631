import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { filterInDrawer } from './filter-drawer.js';

/** A phone, 390 px wide: every column and action of the main lists can be reached, none is cut off by its card. */
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  const role = await page.request.post(`${app.url}/api/roles`, { data: { name: 'Field auditor', permissions: ['users.view'] } });
  expect(role.status()).toBe(201);
  const workspace = await page.request.post(`${app.url}/api/workspaces`, { data: { name: 'Borealis', type: 'collaborative', reason: 'Narrow test' } });
  expect(workspace.status()).toBe(201);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Scrolls `target` into view (its table scrolls sideways inside the card) and checks that the card and the screen show all of it. */
async function expectReachable(target: Locator, card: Locator) {
  await target.scrollIntoViewIfNeeded();
  const [box, cardBox] = await Promise.all([target.boundingBox(), card.boundingBox()]);
  expect(box, 'target has a box').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(cardBox!.x - 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width + 1);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  // Scripts can scroll a box whose overflow is hidden; people cannot. Whatever had to scroll sideways to show it must be scrollable.
  const hiddenScrolls = await target.evaluate((el) => {
    const bad: string[] = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      if (node.scrollLeft > 0 && !['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) bad.push(node.className || node.tagName);
    }
    return bad;
  });
  expect(hiddenScrolls).toEqual([]);
}

/** The page itself never scrolls sideways: only the tables inside their cards do. */
const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);

describe('at 390 px', () => {
  it('should let Manage Roles reach every column and Duplicate inside the card', async () => {
    await page.goto(`${app.url}/admin/roles`);
    const table = page.getByRole('table');
    await table.getByRole('link', { name: 'Field auditor' }).waitFor();
    const card = page.locator('.mantine-Card-root').filter({ has: table });
    for (const column of ['Permissions', 'Users', 'Owner']) await expectReachable(table.getByRole('columnheader', { name: column }), card);
    await expectReachable(page.getByRole('button', { name: 'Duplicate Field auditor' }), card);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });

  it('should show Workspaces with whole type badges and a reachable Members column', async () => {
    await page.goto(`${app.url}/admin/workspaces`);
    const table = page.getByRole('table', { name: 'Workspaces' });
    const row = table.getByRole('row').filter({ hasText: 'Borealis' });
    await row.waitFor();
    const card = page.locator('.mantine-Card-root').filter({ has: table });
    await expectReachable(table.getByRole('columnheader', { name: 'Members' }), card);
    await expectReachable(row.getByText(/1 person/), card);
    const clipped = await row
      .locator('.mantine-Badge-label')
      .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    expect(clipped).toEqual([]);
    await expect(page.getByRole('button', { name: 'New Workspace' }).isVisible()).resolves.toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });

  it('should fold the Users filters into a Filters drawer and keep every column reachable', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    // Search stays in the page; the four filters are one button.
    await expect(page.getByRole('textbox', { name: 'Search users' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: 'Filter by status' }).count()).resolves.toBe(0);
    await filterInDrawer(page, { drawer: 'Filter users', field: 'Filter by status', option: 'Active', url: /status=active/, show: 'Show users' });

    const table = page.getByRole('table', { name: 'Users' });
    const card = page.locator('.mantine-Card-root').filter({ has: table });
    for (const column of ['Sort by Email', 'Sort by Created']) await expectReachable(table.getByRole('button', { name: column }), card);
    await expectReachable(page.getByRole('button', { name: 'Invite New User' }), page.locator('main'));
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});

describe('a list that did not load', () => {
  it('should say why, offer Retry and show the request id the server sent', async () => {
    // A cursor the server no longer accepts (an old shared link): a real 400 from the API.
    const answer = page.waitForResponse((r) => r.url().includes('/api/users?') && r.status() === 400);
    await page.goto(`${app.url}/admin/users?cursor=stale-link`);
    const requestId = (await answer).headers()['x-request-id'];
    expect(requestId).toBeTruthy();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load users' });
    await alert.getByText(requestId).waitFor();
    // Retry asks again (and the server answers with a new id).
    const again = page.waitForResponse((r) => r.url().includes('/api/users?') && r.status() === 400);
    await alert.getByRole('button', { name: 'Retry' }).click();
    const retriedId = (await again).headers()['x-request-id'];
    expect(retriedId).not.toBe(requestId);
    await page.getByRole('alert').getByText(retriedId).waitFor();
  });
});

describe('a detail page that did not load', () => {
  it('should offer Retry and the request id for a failure, and say "not found" for a user that does not exist', async () => {
    // An id the API refuses (over 64 characters): a real 400, as a mangled link would get.
    const badId = 'x'.repeat(65);
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/users/${badId}`) && r.status() === 400);
    await page.goto(`${app.url}/admin/users/${badId}`);
    const requestId = (await answer).headers()['x-request-id'];
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the user' });
    await alert.getByText(requestId).waitFor();
    const again = page.waitForResponse((r) => r.url().endsWith(`/api/users/${badId}`) && r.status() === 400);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page
      .getByRole('alert')
      .getByText((await again).headers()['x-request-id'])
      .waitFor();
    await alert.getByRole('link', { name: 'Back to Users' }).waitFor();

    await page.goto(`${app.url}/admin/users/01a00000-0000-7000-8000-000000000000`);
    await page.getByText('User not found').waitFor();
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  });
});
