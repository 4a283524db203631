import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addActivePerson, invitePerson } from '../helpers/browser.js';
import { pseudoLocalize as x } from '../../src/web/shared/i18n/pseudo.js';
import { pseudoLocaleSession } from './pseudo-locale-setup.js';

/**
 * The pseudo-locale en-XA (see pseudo-locale-check.ts) on what an invitation of several people shows
 * afterwards: each address invited, renewed, updated (an existing account's role and group changed)
 * or rejected, pasted under "Several at once" or uploaded as a CSV file.
 */
const s = pseudoLocaleSession({
  async create(s) {
    const group = await s.post('/api/groups', { name: 'Reviewers', description: 'Review cohort' });
    await addActivePerson(s.browser, s.page.request, s.app, { email: 'grace@example.com', name: 'Grace Hopper', role: 'Member' });
    await addActivePerson(s.browser, s.page.request, s.app, { email: 'katherine@example.com', name: 'Katherine Johnson', role: 'Member' });
    await addActivePerson(s.browser, s.page.request, s.app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Member' });
    await invitePerson(s.page.request, s.app, { email: 'pending@example.com', name: 'Pat Pending', role: 'Viewer', groupId: group.id });
  },
  names: () => [{ paths: ['/api/auth/me', '/api/roles', '/api/groups', '/api/users'], fields: ['name', 'email', 'description'] }],
  // Addresses typed into the dialog, and a role name a CSV row gives that does not exist.
  more: () => ['new.one@example.com', 'NEW.ONE@example.com', 'csv.one@example.com', 'CSV.ONE@example.com', 'Wizard', 'wizard@example.com'],
  start: '/admin/users',
});

/** A pseudo-localised catalogue sentence with its values, as the console fills it. */
function filled(template: string, values: Record<string, string>): string {
  return Object.entries(values).reduce((text, [name, value]) => text.split(`{${name}}`).join(value), x(template));
}

const duplicate = (email: string) => filled('{email}: This address appears more than once in the list.', { email });

/** "… already has an account, so it was updated instead: role Member → Viewer; added to Reviewers.", in en-XA. */
function updatedToViewerInReviewers(email: string): string {
  const changes = [filled('role {from} → {to}', { from: 'Member', to: 'Viewer' }), filled('added to {group}', { group: 'Reviewers' })];
  return filled('{email} already has an account, so it was updated instead: {changes}.', { email, changes: changes.join(x('; ')) });
}

async function openInviteDialog(tab: string): Promise<Locator> {
  const { page, app } = s;
  await page.goto(`${app.url}/admin/users`);
  await page.getByRole('button', { name: x('Invite New User') }).click();
  const dialog = page.getByRole('dialog', { name: x('Invite New User') });
  await dialog.getByRole('tab', { name: x(tab) }).click();
  return dialog;
}

/** No English on the page but data: the users as they are now (the Users page behind the dialog lists whoever was invited) and `more`. */
async function expectNoEnglish(more: string[] = []) {
  await s.expectAllPseudo(s.page, [...more, ...(await s.namesFrom('/api/users', ['name', 'email']))]);
}

/** Chooses Viewer and the group Reviewers in the open dialog. */
async function chooseViewerInReviewers(dialog: Locator) {
  await dialog.getByRole('combobox', { name: x('Role'), exact: true }).click();
  await s.page.getByRole('option', { name: 'Viewer', exact: true }).click();
  await dialog.getByRole('combobox', { name: x('Group'), exact: true }).click();
  await s.page.getByRole('option', { name: 'Reviewers', exact: true }).click();
}

describe('the pseudo-locale en-XA on invitation results', () => {
  it('should show what inviting one existing user did, and why an address is refused, with no hard-coded English', async () => {
    const dialog = await openInviteDialog('One person');
    const send = dialog.getByRole('button', { name: x('Send invitation') });
    await send.click();
    await dialog.getByText(x('Enter the person’s work email address.')).waitFor();
    await expectNoEnglish();
    await dialog.getByRole('textbox', { name: x('Email'), exact: true }).fill('not-an-email');
    await send.click();
    await dialog.getByText(x('This is not a valid email address.')).waitFor();
    await expectNoEnglish();

    await dialog.getByRole('textbox', { name: x('Email'), exact: true }).fill('ada@example.com');
    await chooseViewerInReviewers(dialog);
    await send.click();
    const status = dialog.getByRole('status');
    await status.getByText(x('Existing user updated')).waitFor();
    await expect(status.getByText(updatedToViewerInReviewers('ada@example.com')).count()).resolves.toBe(1);
    await expectNoEnglish();
  });

  it('should show what inviting several pasted addresses did to each, with no hard-coded English', async () => {
    const dialog = await openInviteDialog('Several at once');
    const emails = dialog.getByRole('textbox', { name: x('Emails') });
    const send = dialog.locator('button[type=submit]');
    // What is refused before anything is sent: an entry that is not an address, and too many addresses.
    await emails.fill('new.one@example.com, not-an-email');
    await send.click();
    await dialog.getByText(filled('Fix or remove what is not an email address: {values}. Nothing was sent.', { values: 'not-an-email' })).waitFor();
    await expectNoEnglish();
    await emails.fill(Array.from({ length: 501 }, (_, i) => `p${i}@example.com`).join('\n'));
    await send.click();
    await dialog.getByText(filled('That is {count} addresses; up to {max} at once here. Use "Upload CSV" for more.', { count: '501', max: '500' })).waitFor();
    await expectNoEnglish();

    await emails.fill('new.one@example.com, grace@example.com\npending@example.com\nNEW.ONE@example.com');
    await chooseViewerInReviewers(dialog);
    await dialog.getByRole('button', { name: filled('Send {count} invitations', { count: '4' }) }).click();

    const results = dialog.getByRole('list', { name: x('Invitation results') }).getByRole('listitem');
    await expect
      .poll(() => results.locator('p').allInnerTexts())
      .toEqual([
        filled('Invitation sent to {email} as {role} in {group}.', { email: 'new.one@example.com', role: 'Viewer', group: 'Reviewers' }),
        updatedToViewerInReviewers('grace@example.com'),
        filled('{email} already had a pending invitation; it was renewed with a new link as {role}.', { email: 'pending@example.com', role: 'Viewer' }),
        duplicate('NEW.ONE@example.com'),
      ]);
    await expect(results.getByText(x('rejected'), { exact: true }).count()).resolves.toBe(1);
    await expectNoEnglish();
  });

  it('should show an uploaded CSV file’s rows, each invited, updated or rejected, with no hard-coded English', async () => {
    const dialog = await openInviteDialog('Upload CSV');
    const file = dialog.locator('input[type=file]');
    await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('email,role,group,name\n') });
    await dialog.getByText(x('The file has a header but no rows.')).waitFor();
    await expectNoEnglish(['empty.csv']);

    const rows = [
      'email,role,group,name',
      'csv.one@example.com,Viewer,Reviewers,Csv One',
      'katherine@example.com,Viewer,Reviewers,Katherine',
      'wizard@example.com,Wizard,,Wiz',
      'CSV.ONE@example.com,Viewer,,Csv Again',
    ];
    await file.setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await dialog.getByRole('button', { name: filled('Invite {count} people', { count: '3' }) }).waitFor();
    await expectNoEnglish(['people.csv']);
    await dialog.getByRole('button', { name: filled('Invite {count} people', { count: '3' }) }).click();
    await dialog.getByText(x('Finished')).waitFor();

    const table = dialog.getByRole('table', { name: x('Upload results') });
    const row = (email: string) => table.getByRole('row').filter({ has: s.page.getByRole('cell', { name: email, exact: true }) });
    await expect(row('katherine@example.com').getByRole('cell').last().innerText()).resolves.toBe(updatedToViewerInReviewers('katherine@example.com'));
    await expect(row('csv.one@example.com').getByRole('cell').nth(2).textContent()).resolves.toBe(x('invited'));
    await expect(row('wizard@example.com').getByRole('cell').nth(2).textContent()).resolves.toBe(x('rejected'));
    await expect(row('CSV.ONE@example.com').getByRole('cell').last().innerText()).resolves.toBe(duplicate('CSV.ONE@example.com'));
    await expectNoEnglish();

    // Each outcome's filter shows its rows only.
    await dialog.getByText(x('Updated'), { exact: true }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await expectNoEnglish();
  });
});
