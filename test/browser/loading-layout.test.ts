import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/** Layouts do not jump between loading and loaded: what loads is drawn as a skeleton of its final size. */
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 90_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

/** The top and height of each element the locators find, rounded to whole pixels. */
async function boxes(p: Page, selectors: string[]): Promise<number[][]> {
  return Promise.all(
    selectors.map(async (s) => {
      const box = await p.locator(s).first().boundingBox();
      return box ? [Math.round(box.y), Math.round(box.height)] : [];
    }),
  );
}

describe('loading without layout shift', () => {
  it('should keep every card of the Organization overview where it is when its figures arrive', async () => {
    // The overview's answer is held back until the skeleton has been measured.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/usage/overview*', async (route: Route) => {
      await held;
      await route.continue();
    });
    const parts = [
      '[data-testid="active-stat"]',
      'section[aria-labelledby="active-trend-title"]',
      'section[aria-labelledby="top-types-title"]',
      'section[aria-labelledby="inactive-title"]',
    ];
    try {
      await page.goto(`${app.url}/admin/overview`);
      await page.getByRole('heading', { name: 'Active users' }).waitFor();
      await expect(page.locator('.mantine-Skeleton-root').count()).resolves.toBeGreaterThan(0);
      const loading = await boxes(page, parts);
      release();
      await page.getByRole('img', { name: 'Active users daily' }).waitFor();
      await expect.poll(() => page.locator('[data-testid="active-stat"] .mantine-Skeleton-root[data-visible]').count()).toBe(0);
      expect(await boxes(page, parts)).toEqual(loading);
    } finally {
      release();
      await page.unroute('**/api/usage/overview*');
    }
  });
});
