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
});
