import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { filterInDrawer } from './filter-drawer.js';

/**
 * A phone, 390 px wide, on the pages narrow.test.ts does not visit: the page itself never scrolls
 * sideways, every table scrolls inside its card far enough to show its last column, the main actions
 * can be reached and clicked, and headings and explanations keep a readable width beside their buttons.
 */
const WIDTH = 390;
let app: RunningApp;
let browser: Browser;
let page: Page;
let userId: string;
let groupId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: WIDTH, height: 844 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  const api = page.request;
  userId = await invitePerson(api, app, { email: 'nadia.narrowfield@acme.test', name: 'Nadia Narrowfield', role: 'User manager' });
  const group = await api.post(`${app.url}/api/groups`, { data: { name: 'Field team', description: 'People who work on site' } });
  groupId = ((await group.json()) as { id: string }).id;
  expect((await api.post(`${app.url}/api/groups/${groupId}/members`, { data: { userIds: [userId] } })).status()).toBe(200);
  // A service token: a row in Integrations and an open alert in Security Center.
  expect((await api.post(`${app.url}/api/service-tokens`, { data: { name: 'Warehouse sync' } })).status()).toBe(201);
  const me = (await (await api.get(`${app.url}/api/auth/me`)).json()) as { user: { id: string } };
  const campaign = await api.post(`${app.url}/api/access-reviews/campaigns`, {
    data: {
      name: 'Q4 access',
      scope: { type: 'all' },
      reviewers: { mode: 'user', userId: me.user.id },
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  });
  expect(campaign.status()).toBe(201);
  expect((await api.post(`${app.url}/api/access-reviews/snapshots`, { data: {} })).status()).toBe(201);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The page itself never scrolls sideways: only tables inside their cards do. */
async function expectNoPageOverflow(p: Page) {
  expect(await p.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(WIDTH + 1);
}

/** Scrolls `target` into view and checks the screen shows all of it, and nothing had to scroll that people cannot scroll. */
async function expectOnScreen(target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, 'has a box').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(-1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH + 1);
  const hiddenScrolls = await target.evaluate((el) => {
    const bad: string[] = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      if (node.scrollLeft > 0 && !['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) bad.push(node.className || node.tagName);
    }
    return bad;
  });
  expect(hiddenScrolls).toEqual([]);
}

/** Every table on the page shows its last column once scrolled sideways inside its own container. */
async function expectTablesReachable(p: Page, count: number) {
  const tables = p.locator('main table');
  await expect.poll(() => tables.count()).toBe(count);
  for (let i = 0; i < count; i++) await expectOnScreen(tables.nth(i).locator('thead th').last());
}

/** On screen and clickable there: nothing covers it (a trial click does every check but the click). */
async function expectClickable(target: Locator) {
  await expectOnScreen(target);
  await target.click({ trial: true, timeout: 5_000 });
}

/** Text beside buttons keeps a readable width instead of being squeezed into a narrow column. */
async function expectReadableWidth(text: Locator, min = 200) {
  const box = await text.boundingBox();
  expect(box!.width, `${await text.innerText()} is ${box!.width}px wide`).toBeGreaterThanOrEqual(min);
}

describe('at 390 px', () => {
  it("should show a user's detail page whole, with every action reachable and section texts unsqueezed", async () => {
    await page.goto(`${app.url}/admin/users/${userId}`);
    await page.getByRole('heading', { name: 'Nadia Narrowfield' }).waitFor();
    await expectNoPageOverflow(page);
    for (const name of ['Deactivate', 'Delete user', 'Change role', /^Change groups/, 'Resend invitation'])
      await expectClickable(page.getByRole('main').getByRole('button', { name }).or(page.getByRole('main').getByRole('link', { name })).first());
    for (const section of ['role', 'groups', 'invitation']) await expectReadableWidth(page.locator(`section#${section} h2`).locator('..'));
    // The checklist's findings read as sentences, not a column of single words beside their badges.
    const findings = page.getByRole('region', { name: 'User management checklist' }).getByRole('listitem');
    await findings.first().waitFor();
    for (const item of await findings.all()) await expectReadableWidth(item.locator('p').first(), 180);
    await expectNoPageOverflow(page);
  });

  it('should let Groups reach its last column and New Group', async () => {
    await page.goto(`${app.url}/admin/groups`);
    await page.getByRole('table', { name: 'Groups' }).getByRole('link', { name: 'Field team' }).waitFor();
    await expectTablesReachable(page, 1);
    await expectClickable(page.getByRole('button', { name: 'New Group' }));
    await expectNoPageOverflow(page);
  });

  it("should show a group's name and description at a readable width, its members reachable, and Add members", async () => {
    await page.goto(`${app.url}/admin/groups/${groupId}`);
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('link', { name: 'Nadia Narrowfield' }).waitFor();
    await expectReadableWidth(page.getByRole('heading', { name: 'Field team', level: 1 }).locator('..'));
    await expectTablesReachable(page, 1);
    for (const name of ['Edit', 'Delete group', 'Add members']) await expectClickable(page.getByRole('button', { name, exact: true }));
    await expectNoPageOverflow(page);
  });

  it('should keep Organization settings inside the screen and its Save reachable once something changed', async () => {
    await page.goto(`${app.url}/admin/settings`);
    const name = page.getByLabel('Organization name');
    await expect.poll(() => name.inputValue()).not.toBe('');
    await name.fill('Acme Corporation');
    const general = page.locator('section, .mantine-Card-root').filter({ has: name }).last();
    await expectClickable(general.getByRole('button', { name: 'Save' }));
    await expectNoPageOverflow(page);
    await page.getByRole('main').getByRole('button', { name: 'Discard' }).first().click();
  });
});

describe('Security Center at 390 px', () => {
  const tabs = ['Events', 'Alerts', 'Access Reviews', 'Recovery'];
  async function expectTabs() {
    for (const name of tabs) await expectClickable(page.getByRole('tab', { name }));
  }

  it('should fold the Events filters into a drawer, scroll the events inside the card and keep Export reachable', async () => {
    await page.goto(`${app.url}/admin/security/events`);
    await page.getByTestId('event-row').first().waitFor();
    await expectTabs();
    await expect(page.getByRole('textbox', { name: 'Search' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: 'Risk level' }).count()).resolves.toBe(0);
    await filterInDrawer(page, { drawer: 'Filter events', field: 'Risk level', option: 'High', url: /risk=high/, show: 'Show events' });
    await page.getByTestId('event-row').filter({ hasText: 'service_token.created' }).waitFor();
    await expectTablesReachable(page, 1);
    await expectClickable(page.getByRole('button', { name: 'Export' }));
    await expectNoPageOverflow(page);
  });

  it('should scroll Alerts inside the card and reach Dismiss', async () => {
    await page.goto(`${app.url}/admin/security/alerts`);
    const row = page.getByTestId('alert-row').filter({ hasText: 'Warehouse sync' });
    await row.waitFor();
    await expectTabs();
    await expectTablesReachable(page, 1);
    await expectClickable(row.getByRole('button', { name: 'Dismiss' }));
    await expectNoPageOverflow(page);
  });

  it('should scroll every Access Reviews table inside its card and reach Start campaign and Generate Snapshot', async () => {
    await page.goto(`${app.url}/admin/security/access-reviews`);
    await page.getByRole('table', { name: 'My review items' }).waitFor();
    await page.getByRole('table', { name: 'Review campaigns' }).getByText('Q4 access').waitFor();
    await expectTabs();
    await expectTablesReachable(page, await page.locator('main table').count());
    for (const name of ['Start campaign', 'Generate Snapshot']) await expectClickable(page.getByRole('button', { name, exact: true }));
    await expectNoPageOverflow(page);
  });

  it('should show Recovery inside the screen', async () => {
    await page.goto(`${app.url}/admin/security/recovery`);
    await page.getByRole('heading', { name: 'Recovery activity' }).waitFor();
    await expectTabs();
    await expectNoPageOverflow(page);
  });
});

describe('Integrations at 390 px', () => {
  it('should put each card’s button under its explanation and scroll its tables inside the card', async () => {
    await page.goto(`${app.url}/admin/integrations`);
    await page.getByRole('table', { name: 'Service tokens' }).getByText('Warehouse sync').waitFor();
    const cards: [string, string][] = [
      ['Provisioning', 'New SCIM token'],
      ['Service tokens', 'New service token'],
      ['Webhook endpoints', 'Add endpoint'],
      ['Log streaming', 'Add destination'],
    ];
    for (const [card, action] of cards) {
      const region = page.getByRole('region', { name: card });
      await expectReadableWidth(region.getByRole('heading', { name: card, level: 2 }).locator('..'));
      await expectClickable(region.getByRole('button', { name: action }));
    }
    await expectTablesReachable(page, await page.locator('main table').count());
    await expectNoPageOverflow(page);
  });
});
