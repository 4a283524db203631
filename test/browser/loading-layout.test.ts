import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

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

/**
 * Holds back the API answers whose URL matches `pattern` while `measure` runs on the loading page,
 * then lets them through and returns what `measure` gave before and after `loaded` is seen.
 */
async function beforeAndAfter<T>(
  pattern: RegExp,
  open: () => Promise<void>,
  loading: () => Promise<void>,
  loaded: () => Promise<void>,
  measure: () => Promise<T>,
) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await held;
    await route.continue();
  });
  try {
    await open();
    await loading();
    const before = await measure();
    release();
    await loaded();
    return { before, after: await measure() };
  } finally {
    release();
    await page.unroute(pattern);
  }
}

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

  it('should draw the Users list loading as its table, header and rows at their loaded height', async () => {
    await invitePerson(page.request, app, { email: 'lena.layout@acme.test', name: 'Lena Layout', role: 'Viewer' });
    const parts = ['main h1', 'input[aria-label="Search users"]', 'table[aria-label="Users"] thead tr', 'table[aria-label="Users"] tbody tr'];
    const { before, after } = await beforeAndAfter(
      /\/api\/users\?/,
      () => page.goto(`${app.url}/admin/users`).then(() => undefined),
      () => page.locator('table[aria-label="Users"][aria-busy="true"] tbody tr').first().waitFor(),
      () => page.getByTestId('user-row').filter({ hasText: 'Lena Layout' }).waitFor(),
      () => boxes(page, parts),
    );
    expect(before.every((b) => b.length === 2)).toBe(true);
    expect(after).toEqual(before);
  });

  it("should draw a user's detail page loading with the header and first sections where they land", async () => {
    const id = await invitePerson(page.request, app, { email: 'dario.detail@acme.test', name: 'Dario Detail', role: 'Viewer' });
    // The header and the Role section keep their place and size; the Groups and checklist sections start where they will be.
    const sized = ['[data-testid="user-header"]', 'section#role'];
    const placed = ['section#groups', 'section#checklist'];
    const measure = async () => [...(await boxes(page, sized)), ...(await boxes(page, placed)).map((b) => b.slice(0, 1))];
    const { before, after } = await beforeAndAfter(
      new RegExp(`/api/users/${id}$`),
      () => page.goto(`${app.url}/admin/users/${id}`).then(() => undefined),
      () => page.locator('[aria-busy="true"] section#role').waitFor(),
      () => page.getByRole('heading', { name: 'Dario Detail' }).waitFor(),
      measure,
    );
    expect(before.every((b) => b.length > 0)).toBe(true);
    expect(after).toEqual(before);
  });
});
