import { seriousViolations } from '../helpers/axe.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pickSearched, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signInAsAdmin(page, app);
  const response = await page.request.post(`${app.url}/api/invitations`, {
    data: {
      entries: [
        { email: 'margaret@acme.test', name: 'Margaret Hamilton' },
        { email: 'katherine@acme.test', name: 'Katherine Johnson' },
        { email: 'dorothy@acme.test', name: 'Dorothy Vaughan' },
      ],
      reason: 'New reviewers',
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}, 90_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

const groupRow = (name: string) => page.getByTestId('group-row').filter({ has: page.getByRole('link', { name, exact: true }) });

describe('Manage Groups', () => {
  it('should create a group, add members in bulk, remove one, and delete it', async () => {
    await page.goto(`${app.url}/admin/groups`);
    await page.getByRole('heading', { name: 'Manage Groups' }).waitFor();
    await page.getByText('A group says who belongs together. A role says what access they have.').waitFor();

    // New Group
    await page.getByRole('button', { name: 'New Group' }).click();
    const create = page.getByRole('dialog', { name: 'New Group' });
    await create.getByLabel('Name').fill('Regulatory reviewers');
    await create.getByLabel('Description').fill('Review regulated content before publishing');
    await create.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: 'Regulatory reviewers' }).waitFor();
    await expect(page.getByTestId('group-member-count').textContent()).resolves.toBe('0 members');
    await page.getByText('No members: add people or delete the group.').waitFor();

    // Add members: search and pick two.
    await page.getByRole('button', { name: 'Add members' }).click();
    const add = page.getByRole('dialog', { name: 'Add members to Regulatory reviewers' });
    const people = add.getByRole('combobox', { name: 'People' });
    await pickSearched(people, 'margaret', /Margaret Hamilton/);
    await pickSearched(people, 'KATHERINE', /Katherine Johnson/);
    await add.getByRole('button', { name: 'Add 2 members' }).click();
    await page.getByTestId('group-member-count').filter({ hasText: '2 members' }).waitFor();
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('link', { name: 'Margaret Hamilton' }).isVisible()).resolves.toBe(true);
    await expect(members.getByRole('link', { name: 'Katherine Johnson' }).isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // The list shows the member count.
    await page.getByRole('link', { name: 'Manage Groups' }).click();
    await groupRow('Regulatory reviewers').getByTestId('member-count').filter({ hasText: /^2$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Remove one selected member.
    await groupRow('Regulatory reviewers').getByRole('link').click();
    await page.getByRole('checkbox', { name: 'Select Katherine Johnson' }).check();
    await page.getByRole('button', { name: 'Remove 1 selected' }).click();
    await page.getByRole('dialog', { name: 'Remove 1 member?' }).getByRole('button', { name: 'Remove from group' }).click();
    await page.getByTestId('group-member-count').filter({ hasText: '1 member' }).waitFor();
    await page.getByText('Only one member: a group of one is usually better handled on the user.').waitFor();

    // Delete, typing the name to confirm.
    await page.getByRole('button', { name: 'Delete group' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Regulatory reviewers?' });
    const deleteButton = confirm.getByRole('button', { name: 'Delete group' });
    await expect(deleteButton.isDisabled()).resolves.toBe(true);
    await confirm.getByLabel(/Type Regulatory reviewers to confirm/).fill('Regulatory reviewers');
    // The organization starts requiring reasons after this page loaded its settings: the server
    // refuses the blank reason, the refusal shows at the field, and the dialog stays open.
    expect((await page.request.patch(`${app.url}/api/organization/settings`, { data: { businessReasonRequired: true } })).status()).toBe(200);
    try {
      await deleteButton.click();
      await confirm.getByText('Your organization requires a business reason for this change.').waitFor();
      await expect(groupRow('Regulatory reviewers').count()).resolves.toBe(0); // still on the group's page
      await confirm.getByLabel('Business reason').fill('Project closed');
      await deleteButton.click();
      await page.getByRole('heading', { name: 'Manage Groups' }).waitFor();
      await page.getByText('Group Regulatory reviewers deleted.').waitFor();
      await expect(groupRow('Regulatory reviewers').count()).resolves.toBe(0);
      const audit = (await (await page.request.get(`${app.url}/api/audit-events?category=admin`)).json()) as {
        items: { action: string; reason: string | null }[];
      };
      expect(audit.items.find((e) => e.action === 'group.deleted')).toMatchObject({ reason: 'Project closed' });
    } finally {
      // The other tests run under the default: no reason required.
      expect(
        (await page.request.patch(`${app.url}/api/organization/settings`, { data: { businessReasonRequired: false, reason: 'test cleanup' } })).status(),
      ).toBe(200);
    }
  });

  it('should show a taken name at the field', async () => {
    const existing = await page.request.post(`${app.url}/api/groups`, { data: { name: 'Finance' } });
    expect(existing.status()).toBe(201);
    await page.goto(`${app.url}/admin/groups`);
    await page.getByRole('button', { name: 'New Group' }).click();
    const create = page.getByRole('dialog', { name: 'New Group' });
    await create.getByLabel('Name').fill('finance');
    await create.getByRole('button', { name: 'Create group' }).click();
    await create.getByText('A group named "Finance" already exists.').waitFor();
    await expect(create.getByLabel('Name').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('should show a large group’s members a page at a time, with Load more for the rest', async () => {
    const invited = await page.request.post(`${app.url}/api/invitations`, {
      data: { entries: Array.from({ length: 55 }, (_, i) => ({ email: `crowd${String(i).padStart(2, '0')}@acme.test`, name: `Crowd ${i}` })) },
    });
    expect(invited.status(), await invited.text()).toBe(200);
    const users = (await (await page.request.get(`${app.url}/api/users?search=crowd&limit=200`)).json()) as { items: { id: string }[] };
    expect(users.items).toHaveLength(55);
    const group = (await (await page.request.post(`${app.url}/api/groups`, { data: { name: 'Crowd' } })).json()) as { id: string };
    const added = await page.request.post(`${app.url}/api/groups/${group.id}/members`, { data: { userIds: users.items.map((u) => u.id) } });
    expect(added.status(), await added.text()).toBe(200);

    await page.goto(`${app.url}/admin/groups/${group.id}`);
    const rows = page.getByRole('table', { name: 'Members' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(55);
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
    // Select all takes every member shown, the loaded page included.
    await page.getByRole('checkbox', { name: 'Select all members' }).check();
    await page.getByRole('button', { name: 'Remove 55 selected' }).waitFor();
  });

  it('should list the groups 50 a page with Load more, and offer every group when changing a user’s groups', async () => {
    for (let i = 0; i < 52; i++) {
      const created = await page.request.post(`${app.url}/api/groups`, { data: { name: `Zz cohort ${String(i).padStart(2, '0')}` } });
      expect(created.status(), await created.text()).toBe(201);
    }
    const all = (await (await page.request.get(`${app.url}/api/groups?limit=200`)).json()) as { items: unknown[] };
    expect(all.items.length).toBeGreaterThan(50);
    expect(all.items.length).toBeLessThanOrEqual(100);

    await page.goto(`${app.url}/admin/groups`);
    const rows = page.getByTestId('group-row');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(all.items.length);
    await groupRow('Zz cohort 51').waitFor();
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);

    // The last group by name is past the list's first page: the user's dialog still offers it.
    const users = (await (await page.request.get(`${app.url}/api/users?search=margaret`)).json()) as { items: { id: string }[] };
    await page.goto(`${app.url}/admin/users/${users.items[0].id}`);
    await page.getByRole('button', { name: 'Change groups' }).click();
    const dialog = page.getByRole('dialog', { name: /Change groups of/ });
    await dialog.getByLabel('Groups', { exact: true }).fill('Zz cohort 51');
    await page.getByRole('option', { name: 'Zz cohort 51', exact: true }).waitFor();
  });
});

describe('Organization settings', () => {
  // Saving turns on a passkey policy for privileged users at once: this test has an organization of its own.
  it('should save settings and show the server’s message for an invalid domain', async () => {
    const own = await startApp();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(20_000);
      await signInAsAdmin(p, own);
      // Someone who may read the settings and holds nothing privileged, so the policy leaves them be.
      const reader = await p.request.post(`${own.url}/api/roles`, { data: { name: 'Settings reader', permissions: ['organization.view_settings'] } });
      expect(reader.status(), await reader.text()).toBe(201);
      const readerSession = await signInAsNewPerson(browser, p.request, own, { email: 'reader@acme.test', name: 'Rita Reader', role: 'Settings reader' });

      await p.goto(`${own.url}/admin/settings`);
      await p.getByRole('heading', { name: 'Organization settings' }).waitFor();
      await p.getByRole('heading', { name: 'Authentication Policy' }).waitFor();

      const invitations = p.getByRole('region', { name: 'Invitations and user changes' });
      const domains = invitations.getByRole('combobox', { name: 'Allowed email domains' });
      await domains.fill('not a domain!');
      await domains.press('Enter');
      await invitations.getByRole('button', { name: 'Save invitations and user changes' }).click();
      await invitations.getByText(/is not a valid domain name/).waitFor();

      await invitations.getByRole('button', { name: 'Discard changes to invitations and user changes' }).click();
      await domains.fill('acme.test');
      await domains.press('Enter');
      await invitations.getByLabel('Invitation expiry (days)').fill('14');
      await invitations.getByRole('button', { name: 'Save invitations and user changes' }).click();
      await invitations.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

      const policy = p.getByRole('region', { name: 'Authentication Policy' });
      await policy.getByRole('switch', { name: /^Require passkeys for privileged users/ }).check();
      // The admin has no passkey: the page says what saving will do to them before they save.
      await policy.getByRole('status').filter({ hasText: 'You have no passkey yet' }).waitFor();
      expect(await seriousViolations(p)).toEqual([]);
      await policy.getByRole('button', { name: 'Save authentication policy' }).click();
      // The policy applies at once: this admin has no passkey, so the console sends them to Account security.
      await p.waitForURL('**/account/security');

      const saved = await readerSession.context.request.get(`${own.url}/api/organization/settings`);
      expect(saved.status(), await saved.text()).toBe(200);
      expect(await saved.json()).toMatchObject({
        allowedEmailDomains: ['acme.test'],
        invitationExpiryDays: 14,
        requirePasskeysForPrivilegedUsers: true,
        requirePasskeysForAllUsers: false,
      });
      await readerSession.context.close();
    } finally {
      await context.close();
      await own.stop();
    }
  });
});

describe('Usage data retention', () => {
  it('should change how long raw usage events are kept, audit it, and refuse a value out of range', async () => {
    await page.goto(`${app.url}/admin/settings`);
    const card = page.getByRole('region', { name: 'Usage data' });
    const days = card.getByLabel('Keep raw usage events for (days)');
    await expect.poll(() => days.inputValue()).toBe('90');
    await days.fill('3');
    await card.getByText('Choose between 7 and 730 days.').waitFor();
    await expect(card.getByRole('button', { name: 'Save usage data retention' }).isDisabled()).resolves.toBe(true);
    await days.fill('120');
    await card.getByRole('button', { name: 'Save usage data retention' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Usage data' }).getByLabel('Keep raw usage events for (days)').inputValue()).toBe('120');
    expect(await (await page.request.get(`${app.url}/api/usage/settings`)).json()).toEqual({ retentionDays: 120 });
    const audit = (await (await page.request.get(`${app.url}/api/audit-events?category=policy`)).json()) as {
      items: { action: string; before: unknown; after: unknown }[];
    };
    expect(audit.items[0]).toMatchObject({ action: 'usage.retention_changed', before: { retentionDays: 90 }, after: { retentionDays: 120 } });
  });
});

describe('read-only views', () => {
  it('should show groups and settings without edit controls to a security reviewer', async () => {
    expect((await page.request.post(`${app.url}/api/groups`, { data: { name: 'Auditors' } })).status()).toBe(201);
    const { context: sues, page: sue } = await signInAsNewPerson(browser, page.request, app, {
      email: 'sue@acme.test',
      name: 'Sue Reviewer',
      role: 'Security reviewer',
    });
    try {
      await sue.goto(`${app.url}/admin/groups`);
      await sue.getByRole('heading', { name: 'Manage Groups' }).waitFor();
      const auditors = sue.getByTestId('group-row').filter({ has: sue.getByRole('link', { name: 'Auditors', exact: true }) });
      await auditors.waitFor();
      await expect(sue.getByRole('button', { name: 'New Group' }).count()).resolves.toBe(0);
      await auditors.getByRole('link').click();
      await sue.getByRole('heading', { name: 'Members' }).waitFor();
      await expect(sue.getByRole('button', { name: 'Add members' }).count()).resolves.toBe(0);
      await expect(sue.getByRole('button', { name: 'Delete group' }).count()).resolves.toBe(0);

      await sue.goto(`${app.url}/admin/settings`);
      await sue.getByText('Your role can view these settings but not change them.').waitFor();
      await expect(sue.getByRole('switch', { name: /^Require passkeys for all users/ }).isDisabled()).resolves.toBe(true);
      await expect(sue.getByRole('button', { name: /^Save / }).count()).resolves.toBe(0);
    } finally {
      await sues.close();
    }
  });
});
