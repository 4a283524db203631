import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { axeCheck } from '../helpers/axe.js';
import { invitePerson, launchBrowser, roleIds, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/**
 * What the axe tests visit (a11y-pages.test.ts, a11y-dialogs.test.ts: two files so that they run side
 * by side): every route of the console's router, and every dialog those pages open, checked in the
 * light and in the dark colour scheme. The routes come from src/web/app/routes.tsx itself, so a route
 * added there without a visit here fails the pages file's first test. The console follows the system's
 * scheme, so each page is checked in light, then Chromium is told the system is dark and the same page
 * (or dialog) is checked again without reloading it. axe-core is put into each page once and run there
 * on the whole document (see `violations`).
 */
export const ROUTER_PATHS = [...readFileSync('src/web/app/routes.tsx', 'utf8').matchAll(/path="([^"]+)"/g)].map((m) => m[1]);

export interface Ids {
  user: string;
  group: string;
  role: string;
  systemRole: string;
  workspace: string;
}

/** A dialog: how to open it from its page (a button's name, or steps). */
export type Opener = string | ((page: Page) => Promise<void>);

export interface Visit {
  url: (ids: Ids) => string;
  /** Opened without a session (sign-in, invitation links, the local mailbox). */
  signedOut?: boolean;
  dialogs?: Opener[];
}

const selectFirstUser = async (page: Page) => {
  await page.getByTestId('user-row').first().getByRole('checkbox').check();
};

/** Opens Invite New User's "Upload CSV" tab and gives it a file of `person` and one invalid row. */
const uploadCsv = async (page: Page, person: string) => {
  await page.getByRole('button', { name: 'Invite New User' }).click();
  await page.getByRole('tab', { name: 'Upload CSV' }).click();
  await page
    .getByRole('dialog')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(`email,name\n${person}\nnot-an-email,Bad Row\n`) });
};

export const VISITS: Record<string, Visit> = {
  '/': { url: () => '/' },
  '*': { url: () => '/no-such-page' },
  '/sign-in': { url: () => '/sign-in', signedOut: true },
  '/sign-in/verify': { url: () => '/sign-in/verify?token=not-a-real-token', signedOut: true },
  '/mailbox': { url: () => '/mailbox', signedOut: true },
  '/invitations/accept': { url: () => '/invitations/accept?token=not-a-real-token', signedOut: true },
  '/account/verify-passkey': { url: () => '/account/verify-passkey' },
  '/home': {
    url: () => '/home',
    dialogs: [
      async (page) => {
        await page.keyboard.press('Control+k');
        await page.getByRole('combobox', { name: /Search pages/ }).fill('ada');
        await page
          .getByRole('option', { name: /Ada Axe/ })
          .first()
          .waitFor();
      },
    ],
  },
  '/welcome': { url: () => '/welcome' },
  '/account/security': { url: () => '/account/security' },
  '/account/reviews': { url: () => '/account/reviews' },
  '/sso/test-done': { url: () => '/sso/test-done?ok=1', signedOut: true },
  '/admin/security': { url: () => '/admin/security' },
  '/admin/security/:tab': { url: () => '/admin/security/alerts', dialogs: ['Dismiss', 'Escalate'] },
  '/admin/users': {
    url: () => '/admin/users',
    dialogs: [
      'Invite New User',
      async (page) => {
        await page.getByRole('button', { name: 'Invite New User' }).click();
        await page.getByRole('tab', { name: 'Several at once' }).click();
      },
      async (page) => {
        await uploadCsv(page, 'csv.person@acme.test,Csv Person');
        await page
          .getByRole('dialog')
          .getByText(/rows read/)
          .waitFor();
      },
      async (page) => {
        await uploadCsv(page, 'csv.results@acme.test,Csv Results');
        await page
          .getByRole('dialog')
          .getByRole('button', { name: /^Invite 2 / })
          .click();
        await page.getByRole('dialog').getByText('csv.results@acme.test').first().waitFor();
      },
      async (page) => {
        await selectFirstUser(page);
        await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Assign role' }).click();
      },
      async (page) => {
        await selectFirstUser(page);
        await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Add to group' }).click();
      },
    ],
  },
  '/admin/users/:id': {
    url: (ids) => `/admin/users/${ids.user}`,
    dialogs: ['Change role', 'Change groups', 'Resend invitation', 'Deactivate'],
  },
  '/admin/users/:id/activity': { url: (ids) => `/admin/users/${ids.user}/activity` },
  '/admin/users/:id/delete': { url: (ids) => `/admin/users/${ids.user}/delete` },
  '/admin/invitations': { url: () => '/admin/invitations' },
  '/admin/groups': { url: () => '/admin/groups', dialogs: ['New Group'] },
  '/admin/groups/:id': { url: (ids) => `/admin/groups/${ids.group}`, dialogs: ['Edit', 'Add members', 'Delete group'] },
  '/admin/settings': { url: () => '/admin/settings', dialogs: ['Add connection'] },
  '/admin/roles': { url: () => '/admin/roles', dialogs: ['Help me choose'] },
  '/admin/roles/new': { url: () => '/admin/roles/new' },
  '/admin/roles/:id': { url: (ids) => `/admin/roles/${ids.role}`, dialogs: ['Delete Auditor'] },
  '/admin/overview': { url: () => '/admin/overview' },
  '/admin/workspaces': { url: () => '/admin/workspaces', dialogs: ['New Workspace'] },
  '/admin/workspaces/:id': { url: (ids) => `/admin/workspaces/${ids.workspace}` },
  '/admin/integrations': {
    url: () => '/admin/integrations',
    dialogs: [
      'New service token',
      'New SCIM token',
      'Add endpoint',
      'Add destination',
      async (page) => {
        await page.getByRole('button', { name: 'New service token' }).click();
        await page.getByRole('dialog').getByRole('textbox').first().fill('a11y-token');
        await page
          .getByRole('dialog')
          .getByRole('button', { name: /Create/ })
          .click();
        await page.getByRole('dialog').getByRole('button', { name: 'Done' }).waitFor();
      },
      async (page) => {
        await page
          .getByRole('button', { name: /^Revoke / })
          .first()
          .click();
      },
    ],
  },
};

/** More pages of routes visited above: the system role the read-only editor shows, and each Security Center tab. */
export const EXTRA_URLS: ((ids: Ids) => string)[] = [
  (ids) => `/admin/roles/${ids.systemRole}`,
  () => '/admin/security/events',
  () => '/admin/security/access-reviews',
  () => '/admin/security/recovery',
];

/** Each route with dialogs, and its dialogs as [name, opener]: "Invite New User", or "dialog 3" for the third, opened in steps. */
export const DIALOGS_BY_ROUTE = Object.entries(VISITS).flatMap(([path, visit]) =>
  visit.dialogs?.length ? [[path, visit.dialogs.map((opener, i) => [typeof opener === 'string' ? opener : `dialog ${i + 1}`, opener] as const)] as const] : [],
);

export const EMPTY_IDS: Ids = { user: ':user', group: ':group', role: ':role', systemRole: ':systemRole', workspace: ':workspace' };

let app: RunningApp;
let browser: Browser;
let admin: BrowserContext;
let ids: Ids;

/** The signed-in administrator's browser context, for pages opened outside `onPage`. */
export const adminContext = () => admin;
export const currentIds = () => ids;

/** Starts the app and Chromium, signs in, and makes one of everything the pages show; call once per test file. */
export function setUpAxeVisits(): void {
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await admin.newPage();
    page.setDefaultTimeout(20_000);
    await signInAsAdmin(page, app);
    const request = admin.request;
    const post = async (path: string, data: unknown) => {
      const response = await request.post(`${app.url}${path}`, { data });
      expect(response.status(), await response.text()).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    const user = await invitePerson(request, app, { email: 'ada.axe@acme.test', name: 'Ada Axe', role: 'Viewer' });
    const group = await post('/api/groups', { name: 'Axe testers', description: 'People who test' });
    await request.post(`${app.url}/api/groups/${group.id}/members`, { data: { userIds: [user] } });
    const role = await post('/api/roles', { name: 'Auditor', description: 'Reads the audit log', permissions: ['users.view'] });
    const workspace = await post('/api/workspaces', { name: 'Borealis', type: 'collaborative', reason: 'Axe test' });
    await post('/api/service-tokens', { name: 'content-service' });
    ids = { user, group: group.id, role: role.id, systemRole: (await roleIds(request, app)).Viewer, workspace: workspace.id };
    await page.close();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
}

/** Tells the page the system prefers `scheme`, and waits until the console has switched and no colour is mid-transition. */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.mantineColorScheme === s, scheme);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** The violations in light and then in dark, keyed "what" and "what (dark)"; the page is left in light. */
export async function inBothSchemes(page: Page, what: string): Promise<Record<string, string[]>> {
  const light = await violations(page);
  await useScheme(page, 'dark');
  const dark = await violations(page);
  await useScheme(page, 'light');
  return { [what]: light, [`${what} (dark)`]: dark };
}

/**
 * axe-core's violations on the whole document, with all of its default rules (axeCheck: axe-core put
 * into the page once, not through AxeBuilder). Passes and inapplicable rules come back unlisted
 * (`resultTypes`), which only trims the answer: every rule still runs on every element.
 */
async function violations(page: Page): Promise<string[]> {
  const found = (await axeCheck(page)).violations;
  return found.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? n.failureSummary})`).join('; ')}`);
}

/** The accessible name (aria-label or text) of the focused element. */
export const focusedName = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.getAttribute('aria-label') ?? active?.innerText.trim() ?? null;
  });

/** Opens a page and waits until it has loaded: its h1 is there and no loader spins. */
export async function open(page: Page, url: string) {
  await page.goto(`${app.url}${url}`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  // Not expect.poll: the pages file runs its tests concurrently, and expect.poll needs to know its test.
  await page.waitForFunction(() => document.querySelector('.mantine-Loader-root') === null);
}

/** Opens the visit's page (signed out in a context of its own when the visit says so), runs `check`, and closes it. */
export async function onPage(visit: Visit, check: (page: Page) => Promise<void>) {
  const context = visit.signedOut ? await browser.newContext({ viewport: { width: 1440, height: 900 } }) : admin;
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  try {
    await open(page, visit.url(ids));
    await check(page);
  } finally {
    await page.close();
    if (visit.signedOut) await context.close();
  }
}

export async function openDialog(page: Page, opener: Opener) {
  if (typeof opener === 'string') await page.getByRole('main').getByRole('button', { name: opener, exact: true }).first().click();
  else await opener(page);
  await page.getByRole('dialog').last().waitFor();
  // Mantine's modal transition: axe reads colours, so wait until it has finished.
  await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"]')].every((d) => getComputedStyle(d).opacity === '1'));
}
