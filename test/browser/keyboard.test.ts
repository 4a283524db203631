import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/** An administrator who never touches the mouse: every step below is a key press. */
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

/** What a screen reader would call the focused element: its aria-label, its label, or its text. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '<body>';
    const label = (el as HTMLInputElement).labels?.[0]?.innerText;
    return (el.getAttribute('aria-label') ?? label ?? el.innerText).trim().replace(/\s+/g, ' ');
  });

/** Presses Tab until the focused element is called `name` (at most 80 presses). */
async function tabTo(p: Page, name: string | RegExp) {
  for (let i = 0; i < 80; i++) {
    await p.keyboard.press('Tab');
    const now = await focused(p);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describe('keyboard only', () => {
  it('should skip to the content, invite a user with a chosen role, and return focus to Invite New User', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Invite New User');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Invite New User' });
    await dialog.waitFor();
    // The dialog puts focus on its first field.
    await expect.poll(() => focused(page)).toMatch(/^Email/);
    await page.keyboard.type('kira.keys@acme.test');
    await tabTo(page, /^Role/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Viewer');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('combobox', { name: 'Role' }).inputValue()).resolves.toBe('Viewer');
    await tabTo(page, 'Send invitation');
    await page.keyboard.press('Enter');
    await dialog
      .getByText(/kira\.keys@acme\.test/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Invite New User');
    const row = page.getByTestId('user-row').filter({ hasText: 'kira.keys@acme.test' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('Viewer');
  });

  it("should move between the users' rows with the arrow keys, open one with Enter, and change its role", async () => {
    await invitePerson(page.request, app, { email: 'abe.arrow@acme.test', name: 'Abe Arrow', role: 'Viewer' });
    await invitePerson(page.request, app, { email: 'bea.arrow@acme.test', name: 'Bea Arrow', role: 'Viewer' });
    await page.goto(`${app.url}/admin/users?q=arrow&sort=name&order=asc`);
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(2);
    // The table is one Tab stop: its first row; the arrows move to the others.
    await tabTo(page, /^Abe Arrow/);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/^Bea Arrow/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    expect(await focused(page)).toMatch(/^Bea Arrow/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Bea Arrow', level: 1 }).waitFor();

    await tabTo(page, 'Change role');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Change role of Bea Arrow' });
    await dialog.waitFor();
    await tabTo(page, /^Role/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('User manager');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Save role');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Change role');
    await page.getByRole('region', { name: 'Role' }).getByText('User manager').first().waitFor();
  });

  it('should move through the rows of Groups, Roles, Workspaces and Security Center events with the arrow keys and open one with Enter', async () => {
    for (const name of ['Arrow team A', 'Arrow team B']) {
      const created = await page.request.post(`${app.url}/api/groups`, { data: { name, description: '' } });
      expect(created.status(), await created.text()).toBeLessThan(300);
    }
    await page.goto(`${app.url}/admin/groups`);
    await page.getByTestId('group-row').nth(1).waitFor();
    const second = await openSecondRow(page, 'group-row');
    await page.getByRole('heading', { name: second, level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/admin\/groups\/[^/]+$/);

    await page.goto(`${app.url}/admin/roles`);
    await page.getByTestId('role-row').nth(1).waitFor();
    await openSecondRow(page, 'role-row');
    await page.waitForURL(/\/admin\/roles\/[^/]+$/);

    for (const name of ['Arrow space A', 'Arrow space B']) {
      const created = await page.request.post(`${app.url}/api/workspaces`, { data: { name, type: 'collaborative' } });
      expect(created.status(), await created.text()).toBeLessThan(300);
    }
    await page.goto(`${app.url}/admin/workspaces`);
    await page.getByTestId('workspace-row').nth(1).waitFor();
    await openSecondRow(page, 'workspace-row');
    await page.waitForURL(/\/admin\/workspaces\/[^/]+$/);

    await page.goto(`${app.url}/admin/security/events`);
    await page.getByTestId('event-row').nth(1).waitFor();
    await openSecondRow(page, 'event-row');
    await page.getByRole('dialog').waitFor();
  });
});

/** Tabs to a table's only stop (its first row), moves down one row and presses Enter; returns that row's first cell. */
async function openSecondRow(p: Page, testId: string): Promise<string> {
  for (let i = 0; i < 80 && !(await p.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)); i++) await p.keyboard.press('Tab');
  const rows = p.getByTestId(testId);
  expect(await rows.first().evaluate((row) => row === document.activeElement)).toBe(true);
  await p.keyboard.press('ArrowDown');
  expect(await rows.nth(1).evaluate((row) => row === document.activeElement)).toBe(true);
  const firstCell = (await rows.nth(1).locator('td').first().innerText()).split('\n')[0].trim();
  await p.keyboard.press('Enter');
  return firstCell;
}
