import { describe, expect, it } from 'vitest';
import { invitePerson, roleIds, signInAsNewPerson } from '../helpers/browser.js';
import { pseudoLocalize } from '../../src/web/shared/i18n/pseudo.js';
import { hardCodedEnglish } from './pseudo-locale-check.js';
import { pseudoLocaleSession } from './pseudo-locale-setup.js';

/**
 * The pseudo-locale en-XA (see pseudo-locale-check.ts) on the admin pages beyond the main ones:
 * Invitations, a group's page, a Workspace's page, the delete wizard, a user's activity and the
 * Security Center's tabs (Access Reviews with a campaign and a snapshot), each with the dialogs they
 * open, and the page shown instead of a page one's role does not open.
 */
const ids: Record<'user' | 'group' | 'workspace' | 'campaign', string> = { user: '', group: '', workspace: '', campaign: '' };
const s = pseudoLocaleSession({
  async create(s) {
    ids.group = (await s.post('/api/groups', { name: 'Reviewers', description: 'Review cohort' })).id;
    ids.workspace = (await s.post('/api/workspaces', { name: 'Borealis', type: 'collaborative', reason: 'Pseudo-locale test' })).id;
    ids.user = await invitePerson(s.page.request, s.app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Viewer' });
    await s.post('/api/access-reviews/snapshots', { dormantDays: 90 });
    const reviewers = { mode: 'role_holders', roleId: (await roleIds(s.page.request, s.app)).Admin };
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    ids.campaign = (await s.post('/api/access-reviews/campaigns', { name: 'Q4 access review', scope: { type: 'privileged' }, reviewers, dueAt: due })).id;
  },
  names: () => [
    {
      paths: ['/api/auth/me', '/api/roles', '/api/groups', '/api/workspaces', '/api/users', `/api/users/${ids.user}`, `/api/users/${ids.user}/activity`],
      fields: ['name', 'email', 'description', 'roleName', 'ownerName', 'slug', 'reason', 'label'],
    },
    // A snapshot's and a campaign's people, roles and who generated or granted what.
    { paths: ['/api/access-reviews/snapshots'], fields: ['createdBy'] },
    { paths: [`/api/access-reviews/campaigns/${ids.campaign}`], fields: ['name', 'email', 'campaignName'] },
  ],
  // Written in English by the server: why someone may not decide an item (their own access).
  more: (s) => s.namesFrom(`/api/access-reviews/campaigns/${ids.campaign}`, ['message', 'outcomeMessage']),
  start: '/admin/users',
});
const { expectAllPseudo } = s;

describe('the pseudo-locale en-XA on the other admin pages', () => {
  it('should show Invitations and its revoke dialog with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/invitations`);
    await s.page.getByTestId('invitation-row').first().waitFor();
    await expectAllPseudo();
    await s.page.getByTestId('invitation-row').first().getByRole('button').last().click();
    await s.page.getByRole('dialog').waitFor();
    await expectAllPseudo();
    await s.page.keyboard.press('Escape');
  });

  it('should show the Invite dialog’s Several at once and Upload CSV tabs with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/invitations`);
    await s.page.getByRole('button', { name: pseudoLocalize('Invite New User') }).click();
    const dialog = s.page.getByRole('dialog', { name: pseudoLocalize('Invite New User') });
    await dialog.getByRole('tab', { name: pseudoLocalize('Several at once') }).click();
    await dialog.getByRole('textbox', { name: pseudoLocalize('Emails') }).fill('ada@example.com, not-an-email');
    await dialog.getByTestId('paste-count').waitFor();
    await expectAllPseudo();
    await dialog.getByRole('tab', { name: pseudoLocalize('Upload CSV') }).click();
    await dialog.getByText(pseudoLocalize('Choose a .csv file')).waitFor();
    await expectAllPseudo();
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('should show the command palette, with a user found and its actions, and the shortcuts dialog with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/users`);
    await s.page.getByTestId('user-row').first().waitFor();
    await s.page.keyboard.press('Control+K');
    const palette = s.page.getByRole('dialog', { name: pseudoLocalize('Command palette') });
    await palette.getByRole('combobox').fill('Ada');
    await palette.getByText('ada@example.com').first().waitFor();
    await expectAllPseudo();
    await s.page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await s.page.keyboard.press('Shift+?');
    await s.page.getByRole('dialog', { name: pseudoLocalize('Keyboard shortcuts') }).waitFor();
    await expectAllPseudo();
    await s.page.keyboard.press('Escape');
  });

  it('should show a group’s page and its dialogs with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/groups/${ids.group}`);
    await s.page.getByRole('heading', { level: 1, name: 'Reviewers' }).waitFor();
    await expectAllPseudo();
    // Edit, Add members, Delete group: the header's two buttons and the members card's one.
    for (const opener of [0, 2, 1].map((n) => s.page.locator('main button').nth(n))) {
      await opener.click();
      await s.page.getByRole('dialog').waitFor();
      await expectAllPseudo();
      await s.page
        .getByRole('dialog')
        .getByRole('button', { name: pseudoLocalize('Cancel') })
        .click();
      await s.page.getByRole('dialog').waitFor({ state: 'detached' });
    }
  });

  it('should show a Workspace’s page with its members and effective access with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/workspaces/${ids.workspace}`);
    await s.page.getByRole('heading', { level: 1, name: 'Borealis' }).waitFor();
    await s.page.getByRole('table').nth(1).waitFor();
    await expectAllPseudo();
  });

  it('should show the delete wizard’s first two steps with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/users/${ids.user}/delete`);
    await s.page.getByRole('heading', { level: 1 }).waitFor();
    await s.page.getByRole('checkbox').waitFor();
    await expectAllPseudo();
    await s.page.getByRole('checkbox').check();
    await s.page.getByRole('button', { name: pseudoLocalize('Review ownership') }).click();
    await s.page.getByRole('table', { name: pseudoLocalize('Owned content') }).waitFor();
    await expectAllPseudo();
  });

  it('should show a user’s activity page and the local mailbox with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/users/${ids.user}/activity`);
    await s.page.getByRole('heading', { level: 1, name: pseudoLocalize('Activity of {name}').replace('{name}', 'Ada Lovelace') }).waitFor();
    await s.page
      .getByTestId('usage-trend-chart')
      .or(s.page.getByRole('heading', { level: 2 }).first())
      .first()
      .waitFor();
    await expectAllPseudo();
    await s.page.goto(`${s.app.url}/mailbox`);
    await s.page.getByTestId('mail').first().waitFor();
    // The mail itself is what the server sent (data); the page around it is the console's.
    await expect(hardCodedEnglishOutsideMail()).resolves.toEqual([]);
  });

  it('should show Security Center’s Events (with an event open) and Recovery with no hard-coded English', async () => {
    // An event's code ("invitation.sent") is shown beside its label as the identifier exports and SIEMs use: data.
    // So is its subject as the log recorded it ("Snapshot 2026-12-01T13:53:47.456Z").
    const codes = await s.namesFrom('/api/audit-events?limit=200', ['action', 'label']);
    await s.page.goto(`${s.app.url}/admin/security/events`);
    await s.page.getByTestId('event-row').first().waitFor();
    await expectAllPseudo(s.page, codes);
    await s.page.getByTestId('event-row').first().getByRole('button').click();
    await s.page.getByRole('dialog').waitFor();
    await s.page.waitForFunction(() => document.getAnimations().length === 0);
    await expectAllPseudo(s.page, codes);
    await s.page.keyboard.press('Escape');
    await s.page.goto(`${s.app.url}/admin/security/recovery`);
    await s.page.getByRole('heading', { level: 2 }).nth(1).waitFor();
    await expectAllPseudo();
  });

  it('should show a reviewer’s own access reviews page, with their items, with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/account/reviews`);
    await s.page.getByRole('heading', { level: 1, name: pseudoLocalize('My access reviews') }).waitFor();
    await s.page.getByRole('table', { name: pseudoLocalize('My review items') }).waitFor();
    await expectAllPseudo();
  });

  it('should show Access Reviews with a campaign and a snapshot, and their dialogs, with no hard-coded English', async () => {
    const { page } = s;
    const x = pseudoLocalize;
    await page.goto(`${s.app.url}/admin/security/access-reviews`);
    await page.getByRole('table', { name: x('Review campaigns') }).waitFor();
    await page.getByRole('table', { name: x('Snapshots') }).waitFor();
    await expectAllPseudo(page, ['CSV', 'JSON', 'PDF']);

    await page.getByRole('button', { name: x('Start campaign') }).click();
    const start = page.getByRole('dialog', { name: x('Start a review campaign') });
    await start.waitFor();
    await expectAllPseudo();
    await start.getByRole('button', { name: x('Cancel') }).click();
    await start.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Q4 access review' }).click();
    const detail = page.getByRole('dialog', { name: 'Q4 access review' });
    await detail.getByRole('table', { name: x('Campaign items') }).waitFor();
    await expectAllPseudo();
    await detail.getByRole('button', { name: x('Reassign reviewer') }).click();
    await detail.getByRole('textbox', { name: x('Reason') }).waitFor();
    await expectAllPseudo();
    await detail.getByRole('button', { name: x('Close campaign') }).click();
    await detail.getByRole('button', { name: x('Close and apply') }).waitFor();
    await expectAllPseudo();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    await page
      .getByRole('table', { name: x('Snapshots') })
      .getByRole('button')
      .first()
      .click();
    const report = page.getByRole('dialog');
    await report.getByRole('heading', { name: x('Privileged users without a passkey') }).waitFor();
    await expectAllPseudo();
    await page.keyboard.press('Escape');
  });

  it('should show the page a role does not open, with the way back, with no hard-coded English', async () => {
    const viewer = await signInAsNewPerson(s.browser, s.page.request, s.app, { email: 'vic@example.com', name: 'Vic Viewer', role: 'Viewer' });
    try {
      await viewer.page.goto(`${s.app.url}/admin/users?locale=en-XA`);
      await viewer.page.getByTestId('access-denied').getByRole('link').waitFor();
      await expectAllPseudo(viewer.page, ['Vic Viewer', 'vic@example.com']);
      await viewer.page.goto(`${s.app.url}/admin/integrations`);
      await viewer.page.getByTestId('access-denied').getByRole('link').waitFor();
      await expectAllPseudo(viewer.page, ['Vic Viewer', 'vic@example.com']);
    } finally {
      await viewer.context.close();
    }
  });
});

/** The mailbox page's own words, leaving out the messages, which are the emails as sent (hidden for the check). */
async function hardCodedEnglishOutsideMail(): Promise<string[]> {
  await s.page.getByTestId('mail').evaluateAll((cards) => cards.forEach((card) => ((card as HTMLElement).style.visibility = 'hidden')));
  return hardCodedEnglish(s.page, s.data);
}
