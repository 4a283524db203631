import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
/** The administrator's one-time link signs in once; the tests share that session. */
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext();
  page = await context.newPage();
  await signInAsAdmin(page, app);
}, 60_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

async function pickOption(label: string, option: string | RegExp) {
  // Mantine's Select input is a combobox once its dropdown wiring applies, a textbox otherwise.
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('textbox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('Manage Roles', () => {
  it('should create a role through New Role, show the impact review, save it, and let it be assigned', async () => {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Manage Roles' }).click();
    await page.getByRole('heading', { name: 'Manage Roles' }).waitFor();
    await page.getByRole('row', { name: /Admin/ }).first().getByText('System').waitFor();

    await page.getByRole('link', { name: 'New Role' }).click();
    await page.getByRole('heading', { name: 'New Role' }).waitFor();
    await page.getByLabel('Role name').fill('QA reviewer');
    await page.getByLabel('Description').fill('Reviews drafts before release');
    await page.getByRole('checkbox', { name: /View Workspaces/ }).check();
    await page.getByRole('checkbox', { name: /Create and edit content/ }).check();
    await page.getByRole('checkbox', { name: /Invite users/ }).check();
    await page.getByRole('switch', { name: 'Require users to enroll a passkey' }).check();
    await pickOption('Idle auto logout', '30m');

    // A privileged role needs an owner before its impact can be reviewed.
    await page.getByRole('button', { name: 'Review impact' }).click();
    await page.getByText('Choose an owner for this privileged role.').waitFor();
    await pickOption('Role owner', /admin@acme\.test/);

    // Inviting with this role could not give the default role (Member): the review says so and saving waits.
    await page.getByRole('button', { name: 'Review impact' }).click();
    const review = page.getByTestId('impact-review');
    await review
      .getByText(/Holders could invite people but not grant the default role: add Connect personal apps, Create shared Workspaces, Share Orchestrations/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Save role' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('checkbox', { name: /Invite users/ }).uncheck();
    await page.getByRole('checkbox', { name: /Sign users out/ }).check();

    await page.getByRole('button', { name: 'Review impact' }).click();
    await review.getByRole('heading', { name: 'Impact review' }).waitFor();
    await review.getByText('Privileged change').waitFor();
    await review.getByText('Nobody holds this new role yet').waitFor();
    expect(await review.getByRole('list', { name: 'Gained permissions' }).innerText()).toContain('Sign users out');

    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('heading', { name: 'Manage Roles' }).waitFor();
    const row = page.getByRole('row', { name: /QA reviewer/ });
    await row.waitFor();
    await row.getByText('Privileged').waitFor();

    // Assign the role to a user (the user page's role field is another feature; the API is the same path).
    const roles = (await (await page.request.get(`${app.url}/api/roles`)).json()).items as {
      id: string;
      name: string;
      securityPolicy: { idleLogoutMinutes: number | null; requirePasskeyEnrollment: boolean };
    }[];
    const qa = roles.find((r) => r.name === 'QA reviewer')!;
    expect(qa.securityPolicy).toMatchObject({ idleLogoutMinutes: 30, requirePasskeyEnrollment: true });
    const member = roles.find((r) => r.name === 'Member')!;
    const invited = await page.request.post(`${app.url}/api/invitations`, {
      data: { entries: [{ email: 'bob@acme.test', name: 'Bob Tester' }], roleId: member.id },
    });
    expect(invited.status(), await invited.text()).toBeLessThan(300);
    const bobId = (await invited.json()).results[0].userId as string;
    const assigned = await page.request.put(`${app.url}/api/users/${bobId}/role`, { data: { roleId: qa.id } });
    expect(assigned.status(), await assigned.text()).toBe(200);

    await page.reload();
    await page
      .getByRole('row', { name: /QA reviewer/ })
      .getByRole('link', { name: '1' })
      .waitFor();

    // Editing the role now shows Bob among the users who would lose "Sign users out".
    await page.getByRole('link', { name: 'QA reviewer' }).click();
    await page.getByRole('heading', { name: 'QA reviewer' }).waitFor();
    await page.getByRole('checkbox', { name: /Sign users out/ }).uncheck();
    await page.getByRole('button', { name: 'Review impact' }).click();
    await review.getByRole('heading', { name: 'Impact review' }).waitFor();
    expect(await review.getByRole('list', { name: 'Lost permissions' }).innerText()).toContain('Sign users out');
    await review.getByRole('table', { name: 'Affected users' }).getByText('Bob Tester').waitFor();
    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('heading', { name: 'Manage Roles' }).waitFor();
  });

  it('should recommend the narrowest role from the day-one questions in Help me choose', async () => {
    await page.goto(`${app.url}/admin/roles`);
    await page.getByRole('button', { name: 'Help me choose' }).click();
    const help = page.getByTestId('help-me-choose');
    await help
      .getByRole('radiogroup', { name: /admin pages or only end-user features/ })
      .getByLabel('Only end-user features')
      .check();
    await help
      .getByRole('radiogroup', { name: /create shared Workspaces/ })
      .getByLabel('No')
      .check();
    await help
      .getByRole('radiogroup', { name: /configure integrations/ })
      .getByLabel('Yes')
      .check();
    await help
      .getByRole('radiogroup', { name: /manage users, groups, roles, or security settings/ })
      .getByLabel('No')
      .check();
    await help.getByRole('button', { name: 'Recommend a role' }).click();
    await help.getByText('Recommended: Integration admin').waitFor();
    await help.getByText(/narrowest role that covers end-user features and configuring integrations/).waitFor();
    await help.getByRole('button', { name: 'Use this role' }).click();
    await page.getByRole('heading', { name: 'Integration admin' }).waitFor();
  });

  it('should not show a review that came back after the permissions changed, and review the new ones', async () => {
    await page.goto(`${app.url}/admin/roles/new`);
    await page.getByRole('heading', { name: 'New Role' }).waitFor();
    await page.getByLabel('Role name').fill('Late reviewer');
    await page.getByRole('checkbox', { name: /View Workspaces/ }).check();
    // The review's answer is held on its way back until another permission has been ticked.
    let asked!: () => void;
    const held = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/roles/impact', async (route) => {
      asked();
      await released;
      await route.continue();
    });
    const answered = page.waitForResponse('**/api/roles/impact');
    await page.getByRole('button', { name: 'Review impact' }).click();
    await held;
    await page.getByRole('checkbox', { name: /Create and edit content/ }).check();
    release();
    expect((await answered).status()).toBe(200);
    await page.unroute('**/api/roles/impact');
    // The answer reviewed "View Workspaces" alone: no review and no Save for the draft on screen.
    // Settled: either a review is shown or the button is no longer busy.
    const reviewButton = page.getByRole('button', { name: 'Review impact', disabled: false });
    await page.getByTestId('impact-review').or(reviewButton).first().waitFor();
    await expect(page.getByTestId('impact-review').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Save role' }).count()).resolves.toBe(0);

    await reviewButton.click();
    const review = page.getByTestId('impact-review');
    await review.getByRole('heading', { name: 'Impact review' }).waitFor();
    expect(await review.getByRole('list', { name: 'Gained permissions' }).innerText()).toContain('Create and edit content');
  });

  it('should refuse deleting a role in use and link to its users', async () => {
    const created = await page.request.post(`${app.url}/api/roles`, { data: { name: 'Release captain', permissions: ['workspaces.view', 'workspaces.edit'] } });
    expect(created.status(), await created.text()).toBe(201);
    await invitePerson(page.request, app, { email: 'carla@acme.test', name: 'Carla Captain', role: 'Release captain' });
    await page.goto(`${app.url}/admin/roles`);
    const row = page.getByRole('row', { name: /Release captain/ });
    await row.getByRole('button', { name: 'Delete Release captain' }).click();
    await page.getByRole('button', { name: 'Delete role' }).click();
    await page.getByText('The role was not deleted').waitFor();
    const link = page.getByRole('link', { name: /Show the 1 user holding this role/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/admin\/users\?role=/);
    // Following it shows the Users page filtered to exactly those holders.
    await link.click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText('1 matching user').waitFor();
    expect(await page.locator('input[aria-label="Filter by role"]').inputValue()).toBe('Release captain');
  });
});

describe('a system role', () => {
  it('should list what it grants as text, not as greyed-out checkboxes', async () => {
    await page.goto(`${app.url}/admin/roles`);
    await page.getByRole('link', { name: 'Viewer', exact: true }).click();
    await page.getByRole('heading', { name: 'Viewer', level: 1 }).waitFor();
    const list = page.getByTestId('permission-list');
    await list.getByText('View Workspaces').waitFor();
    // One permission, under its category heading; no checkbox of any kind for what cannot change.
    await expect(list.getByRole('listitem').count()).resolves.toBe(1);
    await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
  });
});
