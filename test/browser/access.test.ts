import { seriousViolations } from '../helpers/axe.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, roleIds, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';

/** What people see follows what their role lets them do: navigation, page guards, refusals inside a page. */
let app: RunningApp;
let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  admin = await browser.newContext();
  adminPage = await admin.newPage();
  await signInAsAdmin(adminPage, app);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const person = (key: string, role: string) => ({ email: `${key}@acme.test`, name: `${key[0].toUpperCase()}${key.slice(1)} Person`, role });

describe('who sees the admin area', () => {
  it('should land a Member on Home with no Administration wording, admin links or Mailbox', async () => {
    const { context, page } = await signInAsNewPerson(browser, admin.request, app, person('mina', 'Member'));
    try {
      await page.goto(app.url);
      await page.getByRole('heading', { name: 'Welcome, Mina Person' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/home');
      await expect(page.getByRole('navigation', { name: 'Administration' }).count()).resolves.toBe(0);
      await expect(page.getByText(/Administration/).count()).resolves.toBe(0);
      const nav = page.getByRole('navigation', { name: 'Your account' });
      await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(['Home', 'Account security']);
      await expect(page.getByRole('link', { name: 'Mailbox' }).count()).resolves.toBe(0);
      await expect(page.getByRole('banner').innerText()).resolves.not.toContain('Administration');
    } finally {
      await context.close();
    }
  });

  it('should show the Mailbox to a User manager, who may invite, and not to a Security reviewer, who may not', async () => {
    const manager = await signInAsNewPerson(browser, admin.request, app, person('uma', 'User manager'));
    const reviewer = await signInAsNewPerson(browser, admin.request, app, person('rey', 'Security reviewer'));
    try {
      await manager.page.goto(app.url);
      const managerNav = manager.page.getByRole('navigation', { name: 'Administration' });
      await managerNav.getByRole('link', { name: 'Users' }).waitFor();
      await expect(managerNav.getByRole('link', { name: 'Mailbox' }).isVisible()).resolves.toBe(true);

      await reviewer.page.goto(app.url);
      const reviewerNav = reviewer.page.getByRole('navigation', { name: 'Administration' });
      await reviewerNav.getByRole('link', { name: 'Users' }).waitFor();
      await expect(reviewerNav.getByRole('link', { name: 'Organization settings' }).isVisible()).resolves.toBe(true);
      await expect(reviewer.page.getByRole('link', { name: 'Mailbox' }).count()).resolves.toBe(0);
    } finally {
      await manager.context.close();
      await reviewer.context.close();
    }
  });
});

describe('links inside pages', () => {
  it('should not link a User manager from a user’s checklist to pages their role cannot open', async () => {
    const { context: tims, userId: timId } = await signInAsNewPerson(browser, admin.request, app, person('tim', 'Member'));
    await tims.close();
    // The administrator, who may manage Workspaces, is offered the fix …
    await adminPage.goto(`${app.url}/admin/users/${timId}`);
    const adminItem = adminPage.getByTestId('checklist-workspaces');
    await adminItem.getByRole('link', { name: /Add to a Workspace/ }).waitFor();
    const { context, page } = await signInAsNewPerson(browser, admin.request, app, person('ulrich', 'User manager'));
    try {
      // … a User manager, who may not, reads the same item without a link to a page that would refuse them.
      await page.goto(`${app.url}/admin/users/${timId}`);
      const item = page.getByTestId('checklist-workspaces');
      await expect(item.innerText()).resolves.toContain('Reaches no Workspace: not a member of any, directly or through a group.');
      await expect(item.getByRole('link').count()).resolves.toBe(0);
      // The fixes they can use stay: Change groups opens the group editor.
      await page
        .getByTestId('checklist-group')
        .getByRole('link', { name: /Change groups/ })
        .click();
      await page.getByRole('dialog', { name: /Change groups of Tim Person/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('pages the role cannot open', () => {
  it('should tell a Viewer opening /admin/users that they have no access, what is missing and who can give it, with a way back', async () => {
    const { context, page } = await signInAsNewPerson(browser, admin.request, app, person('vic', 'Viewer'));
    try {
      await page.goto(`${app.url}/admin/users`);
      const denied = page.getByRole('region', { name: 'You don’t have access' });
      await denied.waitFor();
      await expect(denied.innerText()).resolves.toContain('This page needs the permission “View users”. Your role, Viewer, does not include it.');
      await expect(denied.innerText()).resolves.toContain('ask an administrator of Acme Corp to give you a role that includes it');
      await expect(page.getByText('Could not load users').count()).resolves.toBe(0);
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);

      await denied.getByRole('link', { name: 'Back to Home' }).click();
      await page.getByRole('heading', { name: 'Welcome, Vic Person' }).waitFor();

      // Every admin page says the same, naming its own permission.
      await page.goto(`${app.url}/admin/settings`);
      await page.getByText('This page needs the permission “View organization settings”.').waitFor();
      await page.goto(`${app.url}/admin/integrations`);
      await page
        .getByText('This page needs one of the permissions “Manage provisioning” or “Configure integrations”. Your role, Viewer, includes none of them.')
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('should show "You don\'t have access" when the API refuses a page because the role changed after it was read', async () => {
    const { context, page, userId } = await signInAsNewPerson(browser, admin.request, app, person('ursula', 'User manager'));
    try {
      await page.goto(`${app.url}/admin/users`);
      await page.getByRole('row', { name: /admin@acme\.test/ }).waitFor();
      // An administrator makes Ursula a Viewer while her page is open.
      const viewer = (await roleIds(admin.request, app)).Viewer;
      const changed = await admin.request.put(`${app.url}/api/users/${userId}/role`, { data: { roleId: viewer, reason: 'Moved to another team' } });
      expect(changed.status(), await changed.text()).toBe(200);

      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Invitations' }).click();
      await page.getByRole('heading', { name: 'You don’t have access' }).waitFor();
      await page.getByText('This page needs the permission “View users”.').waitFor();
      await expect(page.getByText('Could not load invitations').count()).resolves.toBe(0);
      // The refusal refreshed who she is: the admin links are gone.
      await page.getByRole('navigation', { name: 'Administration' }).waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
