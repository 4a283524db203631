import { seriousViolations } from '../helpers/axe.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivePerson, invitePerson, launchBrowser, mailedLink, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let admin: BrowserContext;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await admin.newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  // A group to choose in the seed's optional "Choose group" step.
  const created = await page.request.post(`${app.url}/api/groups`, { data: { name: 'Reviewers', description: 'Review cohort' } });
  expect(created.status()).toBe(201);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openInviteDialog(p: Page) {
  await p.goto(`${app.url}/admin/users`);
  await p.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = p.getByRole('dialog', { name: 'Invite New User' });
  await dialog.waitFor();
  return dialog;
}

/** Picks an option of a Mantine Select by its label, as a person would: open it, click the option. */
async function choose(p: Page, label: string, option: string) {
  await p.getByRole('dialog').getByRole('combobox', { name: label, exact: true }).click();
  await p.getByRole('option', { name: option, exact: true }).click();
}

describe('Invite a user (seed steps, literally)', () => {
  it('should invite from Users → Invite New User → Email → Role → Group → Send invitation, and list the pending invitation', async () => {
    // 1. Open User Management: the administration area, then Users.
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    // 2. Click Invite New User.
    await page.getByRole('button', { name: 'Invite New User' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite New User' });
    await dialog.waitFor();
    // 3. Enter email.
    await dialog.getByLabel('Email', { exact: true }).fill('ada.lovelace@acme.test');
    // 4. Choose role.
    await choose(page, 'Role', 'Member');
    // 5. Choose group when useful.
    await choose(page, 'Group', 'Reviewers');
    // 6. Send invitation and confirm the success message.
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const success = dialog.getByRole('status');
    await success.waitFor();
    expect(await success.innerText()).toContain('Invitation sent to ada.lovelace@acme.test as Member in Reviewers');

    await page.keyboard.press('Escape');
    // The new person is on the Users page as invited …
    await page
      .getByRole('row', { name: /ada\.lovelace@acme\.test/ })
      .getByText('invited')
      .waitFor();
    // … and their invitation is pending.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByTestId('invitation-row').filter({ hasText: 'ada.lovelace@acme.test' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Member[\s\S]*Reviewers[\s\S]*Admin[\s\S]*once[\s\S]*pending/i);
    await expect(row.getByRole('button', { name: 'Resend invitation to ada.lovelace@acme.test' }).isVisible()).resolves.toBe(true);
  });

  it('should accept the emailed invitation in a fresh browser and land a Member on /welcome without admin navigation', async () => {
    await invitePerson(page.request, app, { email: 'alan.turing@acme.test', name: 'Alan Turing', role: 'Member' });
    await page.goto(`${app.url}/mailbox`);
    const mail = page.getByTestId('mail').filter({ hasText: 'To: alan.turing@acme.test' }).first();
    await mail.waitFor();
    const link = await mail.getByRole('link').filter({ hasText: '/invitations/accept' }).first().getAttribute('href');
    expect(link).toMatch(/\/invitations\/accept\?token=/);

    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const invitee = await fresh.newPage();
    await invitee.goto(link!);
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByRole('heading', { name: /Welcome to Sofie/ }).waitFor();
    expect(new URL(invitee.url()).pathname).toBe('/welcome');
    await invitee.getByText('How to sign in next time').waitFor();
    await invitee.getByText('alan.turing@acme.test').first().waitFor();
    await invitee.getByText('Where your first Workspace lives').waitFor();
    // A Member has no admin area at all: only their own pages.
    await expect(invitee.getByRole('navigation', { name: 'Administration' }).count()).resolves.toBe(0);
    await expect(invitee.getByRole('navigation', { name: 'Your account' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Home', 'Account security']);
    await invitee
      .getByRole('button', { name: 'Continue' })
      .or(invitee.getByRole('link', { name: 'Continue' }))
      .click();
    await invitee.waitForURL(/\/home$/);

    // The same link a second time says it was already used.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link!);
    await again.getByRole('button', { name: 'Accept invitation' }).click();
    await again.getByText('This invitation was already accepted. Sign in with your email instead.').waitFor();
    await fresh.close();
  });

  it('should say it updated the existing account when inviting an address that already belongs to a user', async () => {
    await addActivePerson(browser, page.request, app, { email: 'grace.hopper@acme.test', name: 'Grace Hopper', role: 'Member' });
    const dialog = await openInviteDialog(page);
    await dialog.getByLabel('Email', { exact: true }).fill('  Grace.Hopper@ACME.test ');
    await choose(page, 'Role', 'Viewer');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const success = dialog.getByRole('status');
    await success.waitFor();
    expect(await success.innerText()).toContain('grace.hopper@acme.test already has an account, so it was updated instead: role Member → Viewer');
  });

  it('should show a malformed address and an unknown domain at the Email field', async () => {
    const dialog = await openInviteDialog(page);
    await dialog.getByLabel('Email', { exact: true }).fill('not-an-address');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('This is not a valid email address.').waitFor();
    const field = dialog.getByLabel('Email', { exact: true });
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');

    const restricted = await page.request.patch(`${app.url}/api/organization/settings`, { data: { allowedEmailDomains: ['acme.test'] } });
    expect(restricted.status()).toBe(200);
    try {
      await field.fill('someone@elsewhere.test');
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      await dialog.getByText("elsewhere.test is not one of your organization's allowed email domains (acme.test).").waitFor();
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    } finally {
      expect((await page.request.patch(`${app.url}/api/organization/settings`, { data: { allowedEmailDomains: [] } })).status()).toBe(200);
    }
  });

  it('should report every pasted entry that is not an email address, and send nothing until it is fixed', async () => {
    const dialog = await openInviteDialog(page);
    await dialog.getByRole('tab', { name: 'Several at once' }).click();
    const emails = dialog.getByLabel('Emails');
    await emails.fill('paste.one@acme.test, paste.two@acme.test\nnot-an-email\nPaste Three <paste.three@acme.test>');
    const count = dialog.getByTestId('paste-count');
    await expect.poll(() => count.innerText()).toBe('3 addresses found · 1 not an email: not-an-email');
    await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
    await dialog.getByText('Fix or remove what is not an email address: not-an-email. Nothing was sent.').waitFor();
    await expect(emails.getAttribute('aria-invalid')).resolves.toBe('true');
    const invitations = (await (await page.request.get(`${app.url}/api/invitations`)).json()) as { items: { email: string }[] };
    expect(invitations.items.filter((i) => i.email.startsWith('paste.'))).toEqual([]);

    await emails.fill('paste.one@acme.test, paste.two@acme.test\nPaste Three <paste.three@acme.test>');
    await expect.poll(() => count.innerText()).toBe('3 addresses found');
    await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
    const results = dialog.getByRole('list', { name: 'Invitation results' });
    await expect
      .poll(() => results.getByRole('listitem').allInnerTexts())
      .toEqual([
        expect.stringContaining('Invitation sent to paste.one@acme.test'),
        expect.stringContaining('Invitation sent to paste.two@acme.test'),
        expect.stringContaining('Invitation sent to paste.three@acme.test'),
      ]);
  });

  it('should offer a User manager only the roles they can grant, saying why the others are unavailable', async () => {
    const { context, page: manager } = await signInAsNewPerson(browser, page.request, app, {
      email: 'uma.manager@acme.test',
      name: 'Uma Manager',
      role: 'User manager',
    });
    try {
      const dialog = await openInviteDialog(manager);
      // A User manager holds every permission of Member, the default role: it is preselected.
      const role = dialog.getByRole('combobox', { name: 'Role', exact: true });
      await expect(role.inputValue()).resolves.toBe('Member');
      await role.click();
      const admin = manager.getByRole('option', { name: /^Admin/ });
      await expect(admin.getAttribute('aria-disabled')).resolves.toBe('true');
      const text = async (option: typeof admin) => (await option.innerText()).replace(/\s+/g, ' ');
      await expect(text(admin)).resolves.toMatch(/^Admin Includes permissions your role lacks: .*Create and edit roles/);
      await expect(text(manager.getByRole('option', { name: /^Integration admin/ }))).resolves.toBe(
        'Integration admin Includes permissions your role lacks: Configure integrations, View organization settings',
      );
      await expect(manager.getByRole('option', { name: 'Viewer', exact: true }).getAttribute('aria-disabled')).resolves.toBeNull();
      // Clicking a disabled role does not choose it.
      await admin.click({ force: true });
      await expect(role.inputValue()).resolves.toBe('Member');
      await manager.keyboard.press('Escape');

      await dialog.getByLabel('Email', { exact: true }).fill('new.viewer@acme.test');
      await choose(manager, 'Role', 'Viewer');
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      await expect.poll(() => dialog.getByRole('status').innerText()).toContain('Invitation sent to new.viewer@acme.test as Viewer');
    } finally {
      await context.close();
    }
  });

  it('should upload a CSV, reject an unknown role locally, and show per-row results with a downloadable file', async () => {
    await addActivePerson(browser, page.request, app, { email: 'katherine.johnson@acme.test', name: 'Katherine Johnson', role: 'Viewer' });
    const dialog = await openInviteDialog(page);
    await dialog.getByRole('tab', { name: 'Upload CSV' }).click();
    const rows = [
      'email,role,group,name',
      'csv.one@acme.test,Viewer,Reviewers,Csv One',
      'csv.two@acme.test,,,Csv Two',
      'csv.three@acme.test,Wizard,,Csv Three',
      'katherine.johnson@acme.test,Viewer,,Katherine',
    ];
    await dialog.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await dialog.getByText('4 rows read: 3 ready to send, 1 rejected here').waitFor();
    await dialog.getByRole('button', { name: 'Invite 3 people' }).click();
    await dialog.getByText('Finished').waitFor();
    await expect(dialog.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow')).resolves.toBe('100');
    const table = dialog.getByRole('table', { name: 'Upload results' });
    await expect(
      table.getByRole('row', { name: /csv\.one@acme\.test.*invited.*Invitation sent to csv\.one@acme\.test as Viewer in Reviewers/ }).count(),
    ).resolves.toBe(1);
    await expect(table.getByRole('row', { name: /csv\.three@acme\.test.*rejected.*Unknown role "Wizard"/ }).count()).resolves.toBe(1);
    await expect(table.getByRole('row', { name: /katherine\.johnson@acme\.test.*unchanged/ }).count()).resolves.toBe(1);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download results' }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
    expect(text.split(/\r?\n/)[0]).toBe('line,email,outcome,message');
    expect(text).toContain('3,csv.three@acme.test,rejected');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  it('should resend (a new link; the old one stops working) and revoke from the Invitations view', async () => {
    await invitePerson(page.request, app, { email: 'dorothy.vaughan@acme.test', name: 'Dorothy Vaughan', role: 'Member' });
    const first = new URL(await mailedLink(page.request, app, 'dorothy.vaughan@acme.test', '/invitations/accept')).searchParams.get('token');
    await page.goto(`${app.url}/admin/invitations`);
    const row = page.getByTestId('invitation-row').filter({ hasText: 'dorothy.vaughan@acme.test' });
    await row.getByRole('button', { name: 'Resend invitation to dorothy.vaughan@acme.test' }).click();
    await page.getByText('A new link was sent to dorothy.vaughan@acme.test; the previous link no longer works.').waitFor();
    await row.getByText('2 times').waitFor();
    // The first link stopped working; the new one works until revoked.
    const second = new URL(await mailedLink(page.request, app, 'dorothy.vaughan@acme.test', '/invitations/accept')).searchParams.get('token');
    expect(second).not.toBe(first);
    const tokens = [first, second];
    const fresh = await browser.newContext();
    const spent = await fresh.request.post(`${app.url}/api/invitations/accept`, { data: { token: tokens[0] } });
    expect(spent.status()).toBe(400);

    await row.getByRole('button', { name: 'Revoke invitation to dorothy.vaughan@acme.test' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke invitation?' });
    await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
    await row.waitFor({ state: 'detached' });
    await page.locator('label', { hasText: /^Revoked$/ }).click();
    await page.getByTestId('invitation-row').filter({ hasText: 'dorothy.vaughan@acme.test' }).getByText('revoked').waitFor();
    const revoked = await fresh.request.post(`${app.url}/api/invitations/accept`, { data: { token: tokens[1] } });
    expect(revoked.status()).toBe(400);
    // The account went with the revocation, but the link still says why it stopped working.
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('INVITATION_REVOKED');
    await fresh.close();
  });

  it('should have no serious accessibility violations on the Users page and in the invite dialog', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('row', { name: /admin@acme\.test/ }).waitFor();
    // The page's own content (the shared header's dimmed text is the shell's, reported separately).
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'], include: 'main' })).toEqual([]);
    await page.getByRole('button', { name: 'Invite New User' }).click();
    await page.getByRole('dialog', { name: 'Invite New User' }).waitFor();
    // Judge the dialog as it settles, not halfway through its fade-in (half-transparent text fails contrast).
    await expect.poll(() => page.locator('.mantine-Modal-content').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'], include: '[role="dialog"]' })).toEqual([]);
  });
});
