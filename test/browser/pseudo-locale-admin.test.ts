import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { pseudoLocalize } from '../../src/web/shared/i18n/pseudo.js';
import { expectAllPseudo as expectPseudo, hardCodedEnglish, namesFrom } from './pseudo-locale-check.js';

/**
 * The pseudo-locale en-XA (see pseudo-locale-check.ts) on the admin pages beyond the main ones:
 * Invitations, a group's page, a Workspace's page, the delete wizard, a user's activity and the
 * Security Center's tabs, each with the dialogs they open.
 */
let app: RunningApp;
let browser: Browser;
let page: Page;
const ids: Record<'user' | 'group' | 'workspace', string> = { user: '', group: '', workspace: '' };
/** Every name, email and description the pages may show as data, longest first. */
let data: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  const create = async (path: string, body: object) => {
    const response = await page.request.post(`${app.url}${path}`, { data: body });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  ids.group = await create('/api/groups', { name: 'Reviewers', description: 'Review cohort' });
  ids.workspace = await create('/api/workspaces', { name: 'Borealis', type: 'collaborative', reason: 'Pseudo-locale test' });
  ids.user = await invitePerson(page.request, app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Viewer' });
  const fields = ['name', 'email', 'description', 'roleName', 'ownerName', 'slug', 'reason', 'label'];
  const lists = ['/api/me', '/api/roles', '/api/groups', '/api/workspaces', '/api/users', `/api/users/${ids.user}`, `/api/users/${ids.user}/activity`];
  data = (await Promise.all(lists.map((path) => namesFrom(page, app.url, path, fields)))).flat().sort((a, b) => b.length - a.length);
  // The locale is chosen once per load and remembered: every page from here on is pseudo-localised.
  await page.goto(`${app.url}/admin/users?locale=en-XA`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function expectAllPseudo(p: Page) {
  await expectPseudo(p, data);
}

describe('the pseudo-locale en-XA on the other admin pages', () => {
  it('should show Invitations and its revoke dialog with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/invitations`);
    await page.getByTestId('invitation-row').first().waitFor();
    await expectAllPseudo(page);
    await page.getByTestId('invitation-row').first().getByRole('button').last().click();
    await page.getByRole('dialog').waitFor();
    await expectAllPseudo(page);
    await page.keyboard.press('Escape');
  });

  it('should show the Invite dialog’s Several at once and Upload CSV tabs with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/invitations`);
    await page.getByRole('button', { name: pseudoLocalize('Invite New User') }).click();
    const dialog = page.getByRole('dialog', { name: pseudoLocalize('Invite New User') });
    await dialog.getByRole('tab', { name: pseudoLocalize('Several at once') }).click();
    await dialog.getByRole('textbox', { name: pseudoLocalize('Emails') }).fill('ada@example.com, not-an-email');
    await dialog.getByTestId('paste-count').waitFor();
    await expectAllPseudo(page);
    await dialog.getByRole('tab', { name: pseudoLocalize('Upload CSV') }).click();
    await dialog.getByText(pseudoLocalize('Choose a .csv file')).waitFor();
    await expectAllPseudo(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('should show the command palette, with a user found and its actions, and the shortcuts dialog with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: pseudoLocalize('Command palette') });
    await palette.getByRole('combobox').fill('Ada');
    await palette.getByText('ada@example.com').first().waitFor();
    await expectAllPseudo(page);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: pseudoLocalize('Keyboard shortcuts') }).waitFor();
    await expectAllPseudo(page);
    await page.keyboard.press('Escape');
  });

  it('should show a group’s page and its dialogs with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/groups/${ids.group}`);
    await page.getByRole('heading', { level: 1, name: 'Reviewers' }).waitFor();
    await expectAllPseudo(page);
    // Edit, Add members, Delete group: the header's two buttons and the members card's one.
    for (const opener of [page.locator('main button').nth(0), page.locator('main button').nth(2), page.locator('main button').nth(1)]) {
      await opener.click();
      await page.getByRole('dialog').waitFor();
      await expectAllPseudo(page);
      await page
        .getByRole('dialog')
        .getByRole('button', { name: pseudoLocalize('Cancel') })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
  });

  it('should show a Workspace’s page with its members and effective access with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/workspaces/${ids.workspace}`);
    await page.getByRole('heading', { level: 1, name: 'Borealis' }).waitFor();
    await page.getByRole('table').nth(1).waitFor();
    await expectAllPseudo(page);
  });

  it('should show the delete wizard’s first two steps with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/users/${ids.user}/delete`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('checkbox').waitFor();
    await expectAllPseudo(page);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: pseudoLocalize('Review ownership') }).click();
    await page.getByRole('table', { name: pseudoLocalize('Owned content') }).waitFor();
    await expectAllPseudo(page);
  });

  it('should show a user’s activity page and the local mailbox with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/users/${ids.user}/activity`);
    await page.getByRole('heading', { level: 1, name: pseudoLocalize('Activity of {name}').replace('{name}', 'Ada Lovelace') }).waitFor();
    await page
      .getByTestId('usage-trend-chart')
      .or(page.getByRole('heading', { level: 2 }).first())
      .first()
      .waitFor();
    await expectAllPseudo(page);
    await page.goto(`${app.url}/mailbox`);
    await page.getByTestId('mail').first().waitFor();
    // The mail itself is what the server sent (data); the page around it is the console's.
    await expect(hardCodedEnglishOutsideMail()).resolves.toEqual([]);
  });

  it('should show Security Center’s Events (with an event open) and Recovery with no hard-coded English', async () => {
    // An event's code ("invitation.sent") is shown beside its label as the identifier exports and SIEMs use: data.
    const codes = await namesFrom(page, app.url, '/api/audit-events?limit=200', ['action']);
    const known = [...data, ...codes].sort((a, b) => b.length - a.length);
    await page.goto(`${app.url}/admin/security/events`);
    await page.getByTestId('event-row').first().waitFor();
    await expectPseudo(page, known);
    await page.getByTestId('event-row').first().getByRole('button').click();
    await page.getByRole('dialog').waitFor();
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await expectPseudo(page, known);
    await page.keyboard.press('Escape');
    await page.goto(`${app.url}/admin/security/recovery`);
    await page.getByRole('heading', { level: 2 }).nth(1).waitFor();
    await expectAllPseudo(page);
  });

  it('should show a reviewer’s own access reviews page with no hard-coded English', async () => {
    await page.goto(`${app.url}/account/reviews`);
    await page.getByRole('heading', { level: 1, name: pseudoLocalize('My access reviews') }).waitFor();
    await page.getByText(pseudoLocalize('Nothing to review right now.')).waitFor();
    await expectAllPseudo(page);
  });
});

/** The mailbox page's own words, leaving out the messages, which are the emails as sent (hidden for the check). */
async function hardCodedEnglishOutsideMail(): Promise<string[]> {
  await page.getByTestId('mail').evaluateAll((cards) => cards.forEach((card) => ((card as HTMLElement).style.visibility = 'hidden')));
  return hardCodedEnglish(page, data);
}
