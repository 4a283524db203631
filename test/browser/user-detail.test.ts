import { seriousViolations } from '../helpers/axe.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivePerson, launchBrowser, mailedLink, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let roles: Record<string, string>;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signInAsAdmin(page, app);
  const list = (await (await page.request.get(`${app.url}/api/roles`)).json()) as { items: { id: string; name: string }[] };
  roles = Object.fromEntries(list.items.map((r) => [r.name, r.id]));
}, 90_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

/** Invites someone through the API from the admin's browser session; returns the new user's id. */
async function invite(email: string, name: string): Promise<string> {
  const response = await page.request.post(`${app.url}/api/invitations`, {
    data: { entries: [{ email, name }], roleId: roles.Member, reason: 'New colleague' },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { results: { outcome: string; userId?: string }[] };
  expect(body.results[0].outcome).toBe('invited');
  return body.results[0].userId!;
}

async function chooseRole(name: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
}

describe('user detail page', () => {
  it('should change the role with a business reason and show it in the history', async () => {
    const id = await invite('rosa@acme.test', 'Rosa Parks');
    await page.goto(`${app.url}/admin/users/${id}`);
    await page.getByRole('heading', { name: 'Rosa Parks' }).waitFor();
    await expect(page.getByTestId('current-role').textContent()).resolves.toBe('Member');

    await page.getByRole('button', { name: 'Change role' }).click();
    await chooseRole('User manager');
    await page.getByLabel('Business reason').fill('Runs onboarding for the Berlin office');
    await page.getByRole('button', { name: 'Save role' }).click();

    await page.getByTestId('current-role').filter({ hasText: 'User manager' }).waitFor();
    const history = page.locator('#history');
    const event = history.getByTestId('history-event').filter({ hasText: 'Role changed' });
    await event.waitFor();
    await expect(event.textContent()).resolves.toContain('Role: Member → User manager');
    await expect(event.textContent()).resolves.toContain('Runs onboarding for the Berlin office');
  });

  it('should show the checklist with honest states and open the fix from its link', async () => {
    const id = await invite('ken@acme.test', 'Ken Thompson');
    await page.goto(`${app.url}/admin/users/${id}`);
    const checklist = page.locator('#checklist');
    await checklist.getByRole('heading', { name: 'User management checklist' }).waitFor();

    // A new person in no Workspace is never shown as passed: both Workspace items ask for attention.
    for (const key of ['workspaces', 'first_workspace']) {
      const item = checklist.getByTestId(`checklist-${key}`);
      await expect(item.getAttribute('data-state')).resolves.toBe('attention');
      await expect(item.textContent()).resolves.toContain('Workspace');
    }
    // A Member without a passkey, and no policy requires one.
    await expect(checklist.getByTestId('checklist-passkey').getAttribute('data-state')).resolves.toBe('ok');
    // Invited with a pending link: the user will learn how to sign in from the invitation.
    await expect(checklist.getByTestId('checklist-sign_in').getAttribute('data-state')).resolves.toBe('ok');
    // No group yet: attention, with a fix that opens the group editor.
    const group = checklist.getByTestId('checklist-group');
    await expect(group.getAttribute('data-state')).resolves.toBe('attention');
    await group.getByRole('link', { name: /Change groups/ }).click();
    await page.getByRole('dialog', { name: /Change groups of Ken Thompson/ }).waitFor();
    expect(page.url()).toContain('#groups');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The invitation section shows who invited and lets an admin resend.
    const invitation = page.locator('#invitation');
    await expect(invitation.textContent()).resolves.toContain('pending');
    await invitation.getByRole('button', { name: 'Resend invitation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Resend invitation' }).click();
    await page.getByText('A new invitation link was sent to ken@acme.test').waitFor();
    await page.locator('#history').getByTestId('history-event').filter({ hasText: 'Invitation resent' }).waitFor();
  });

  it('should show what changed when someone else edited the user meanwhile, and save after reload', async () => {
    const id = await invite('grace@acme.test', 'Grace Hopper');
    await page.goto(`${app.url}/admin/users/${id}`);
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();

    // Another administrator changes the role after this page loaded.
    const other = await page.request.put(`${app.url}/api/users/${id}/role`, { data: { roleId: roles.Publisher, reason: 'Publishes the newsletter' } });
    expect(other.status()).toBe(200);

    await page.getByRole('button', { name: 'Change role' }).click();
    await chooseRole('Security reviewer');
    await page.getByRole('button', { name: 'Save role' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this user' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The role is now Publisher (this page showed Member)');
    await expect(page.getByTestId('current-role').textContent()).resolves.toBe('Member');
    expect(await seriousViolations(page, { include: '[role="dialog"]' })).toEqual([]);

    await alert.getByRole('button', { name: /Reload the latest/ }).click();
    await page.getByTestId('current-role').filter({ hasText: 'Publisher' }).waitFor();
    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByTestId('current-role').filter({ hasText: 'Security reviewer' }).waitFor();
  });

  it('should not offer to change one’s own role', async () => {
    const me = (await (await page.request.get(`${app.url}/api/auth/me`)).json()) as { user: { id: string } };
    await page.goto(`${app.url}/admin/users/${me.user.id}`);
    await expect(page.getByTestId('own-role-note').innerText()).resolves.toBe('This is your own role: another administrator can change it.');
    await expect(page.getByRole('button', { name: 'Change role' }).count()).resolves.toBe(0);
  });

  it('should show the server’s exact message when a guardrail refuses the change', async () => {
    // A role the User manager could grant when the dialog opened, until an administrator widened it.
    const created = await page.request.post(`${app.url}/api/roles`, { data: { name: 'Field ops', permissions: ['workspaces.view'] } });
    expect(created.status(), await created.text()).toBe(201);
    const fieldOps = (await created.json()) as { id: string; version: number };
    const id = await invite('tim@acme.test', 'Tim Target');
    const { context, page: manager } = await signInAsNewPerson(browser, page.request, app, {
      email: 'ulla@acme.test',
      name: 'Ulla Manager',
      role: 'User manager',
    });
    try {
      await manager.goto(`${app.url}/admin/users/${id}`);
      await manager.getByRole('button', { name: 'Change role' }).click();
      const dialog = manager.getByRole('dialog', { name: 'Change role of Tim Target' });
      await dialog.getByRole('combobox', { name: 'Role' }).click();
      await expect(manager.getByRole('option', { name: 'Field ops', exact: true }).getAttribute('aria-disabled')).resolves.toBeNull();
      const widened = await page.request.patch(`${app.url}/api/roles/${fieldOps.id}`, {
        data: {
          permissions: ['workspaces.view', 'integrations.manage'],
          version: fieldOps.version,
          ownerUserId: (await (await page.request.get(`${app.url}/api/auth/me`)).json()).user.id,
        },
      });
      expect(widened.status(), await widened.text()).toBe(200);

      await manager.getByRole('option', { name: 'Field ops', exact: true }).click();
      await dialog.getByRole('button', { name: 'Save role' }).click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      await expect(alert.innerText().then((t) => t.replace(/\s+/g, ' ').trim())).resolves.toBe(
        'Not saved You cannot assign "Field ops": it includes permissions your own role does not have (Configure integrations). Ask an administrator who holds them.',
      );
      await expect(manager.getByTestId('current-role').textContent()).resolves.toBe('Member');
    } finally {
      await context.close();
    }
  });

  it('should require the business reason when the organization says so', async () => {
    const id = await invite('linus@acme.test', 'Linus Torvalds');
    const settings = await page.request.patch(`${app.url}/api/organization/settings`, { data: { businessReasonRequired: true } });
    expect(settings.status()).toBe(200);
    try {
      await page.goto(`${app.url}/admin/users/${id}`);
      await page.getByRole('button', { name: 'Change role' }).click();
      await chooseRole('Publisher');
      await page.getByRole('button', { name: 'Save role' }).click();
      await page.getByText('Give the business reason for this change.').waitFor();
      await page.getByLabel('Business reason').fill('Owns the release notes');
      await page.getByRole('button', { name: 'Save role' }).click();
      await page.getByTestId('current-role').filter({ hasText: 'Publisher' }).waitFor();
    } finally {
      // The other tests run under the default: no reason required.
      expect(
        (await page.request.patch(`${app.url}/api/organization/settings`, { data: { businessReasonRequired: false, reason: 'test cleanup' } })).status(),
      ).toBe(200);
    }
  });

  it('should offer nothing to change on a deleted user’s page, and restore only with confirmation and a reason', async () => {
    const id = await addActivePerson(browser, page.request, app, { email: 'della@acme.test', name: 'Della Deleted', role: 'Member' });
    const deleted = await page.request.post(`${app.url}/api/users/${id}/delete`, {
      data: {
        plan: { ownership: { all: { action: 'keep' } }, collaborators: { all: { action: 'remove' } } },
        reason: 'Left the company',
        policyAcknowledged: true,
        confirmEmail: 'della@acme.test',
      },
    });
    expect(deleted.status(), await deleted.text()).toBe(200);

    await page.goto(`${app.url}/admin/users/${id}`);
    await page.getByRole('heading', { name: 'This account is deleted' }).waitFor();
    await page.getByText(/It can be restored until .+; after that its name and email are purged for good\./).waitFor();
    const main = page.getByRole('main');
    // History and Restore, nothing that changes access.
    await expect(main.getByRole('button').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Restore \(until .+\)$/)]);
    for (const gone of ['Role', 'Groups', 'Sessions', 'User management checklist', 'Workspaces']) {
      await expect(main.getByRole('heading', { name: gone, exact: true }).count()).resolves.toBe(0);
    }
    await expect(main.getByRole('link', { name: /Add to a Workspace/ }).count()).resolves.toBe(0);
    await main.locator('#history').getByTestId('history-event').filter({ hasText: 'Deleted' }).waitFor();

    // Restore asks first, with a reason, and nothing happens on Cancel.
    await main.getByRole('button', { name: /^Restore/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this account?' });
    await dialog.getByText('The account comes back deactivated').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(((await (await page.request.get(`${app.url}/api/users/${id}`)).json()) as { status: string }).status).toBe('deleted');

    await main.getByRole('button', { name: /^Restore/ }).click();
    await dialog.getByLabel('Business reason').fill('Deleted by mistake, ticket HR-42');
    await dialog.getByRole('button', { name: 'Restore account' }).click();
    await page.getByText('Account restored').waitFor();
    await page.getByRole('heading', { name: 'Della Deleted' }).waitFor();
    await main.getByRole('button', { name: 'Reactivate' }).waitFor();
    const restored = main.locator('#history').getByTestId('history-event').filter({ hasText: 'Restored' });
    await expect(restored.innerText()).resolves.toContain('Reason: Deleted by mistake, ticket HR-42');
  });

  it('should list active sessions and sign the user out everywhere', async () => {
    const id = await invite('sam@acme.test', 'Sam Sessions');
    // Sam accepts the invitation from the mail outbox in a browser of their own.
    const token = new URL(await mailedLink(page.request, app, 'sam@acme.test', '/invitations/accept')).searchParams.get('token');
    const sams = await browser.newContext({
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    });
    try {
      expect((await sams.request.post(`${app.url}/api/invitations/accept`, { data: { token } })).status()).toBe(200);
      expect((await sams.request.get(`${app.url}/api/auth/me`)).status()).toBe(200);

      await page.goto(`${app.url}/admin/users/${id}`);
      const sessions = page.locator('#sessions');
      const table = sessions.getByRole('table', { name: 'Active sessions' });
      await table.waitFor();
      await expect(table.textContent()).resolves.toContain('Safari on macOS');

      await sessions.getByRole('button', { name: 'Sign out everywhere' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
      await dialog.getByLabel('Business reason').fill('Laptop reported stolen');
      await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.getByText('Sam Sessions was signed out of 1 session.').waitFor();
      await table.waitFor({ state: 'detached' });
      expect((await sams.request.get(`${app.url}/api/auth/me`)).status()).toBe(401);
      const event = page.locator('#history').getByTestId('history-event').filter({ hasText: 'Signed out everywhere' });
      await expect(event.textContent()).resolves.toContain('Laptop reported stolen');
    } finally {
      await sams.close();
    }
  });

  it('should have no serious accessibility violations', async () => {
    const id = await invite('axe@acme.test', 'Ada Axe');
    await page.goto(`${app.url}/admin/users/${id}`);
    await page.locator('#history').getByTestId('history-event').first().waitFor();
    // The whole page, shell included.
    expect(await seriousViolations(page)).toEqual([]);
  });
});
