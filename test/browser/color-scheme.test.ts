import { axeCheck } from '../helpers/axe.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/** Dark mode: the console follows the system, the account menu overrides it per browser, and the first paint is already right. */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function violations(page: Page): Promise<string[]> {
  const result = await axeCheck(page);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(', ')}`);
}

const scheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_BODY = 'rgb(36, 36, 36)';
const LIGHT_BODY = 'rgb(255, 255, 255)';

async function choose(page: Page, label: 'Light' | 'Dark' | 'System') {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitemradio', { name: label }).click();
  await expect.poll(() => page.getByRole('menuitemradio', { name: label }).getAttribute('aria-checked')).toBe('true');
  await page.keyboard.press('Escape');
}

describe('colour scheme', () => {
  it('should follow the system until the account menu says otherwise, and remember the choice in this browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await signInAsAdmin(page, app);
      await expect(scheme(page)).resolves.toBe('dark');
      await expect(bodyBackground(page)).resolves.toBe(DARK_BODY);
      await page.getByRole('button', { name: 'Account menu' }).click();
      await expect(page.getByRole('menuitemradio', { name: 'System' }).getAttribute('aria-checked')).resolves.toBe('true');
      await page.waitForFunction(() => getComputedStyle(document.querySelector('[role="menu"]')!).opacity === '1');
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      // Light wins over the dark system, after a reload and in another tab of the same browser.
      await choose(page, 'Light');
      await expect.poll(() => scheme(page)).toBe('light');
      await page.reload();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await expect(scheme(page)).resolves.toBe('light');
      const other = await context.newPage();
      await other.goto(`${app.url}/admin/groups`);
      await other.getByRole('heading', { name: 'Manage Groups' }).waitFor();
      await expect(scheme(other)).resolves.toBe('light');

      // System follows the device again, including when it changes while the page is open.
      await choose(page, 'System');
      await expect.poll(() => scheme(page)).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(() => scheme(page)).toBe('light');
      await expect.poll(() => bodyBackground(page)).toBe(LIGHT_BODY);
    } finally {
      await context.close();
    }
  });

  it('should paint the chosen scheme before the console’s code runs, allowed by the page’s Content-Security-Policy', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in to Sofie' }).waitFor();
      await page.evaluate(() => localStorage.setItem('sofie-color-scheme', 'dark'));

      // Without the console's JavaScript nothing but index.html's own script can set the scheme.
      await page.route('**/assets/*.js', (route) => route.abort());
      await page.goto(`${app.url}/sign-in`);
      await expect(scheme(page)).resolves.toBe('dark');
      await expect(bodyBackground(page)).resolves.toBe(DARK_BODY);
      await expect(page.locator('h1').count()).resolves.toBe(0);
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
