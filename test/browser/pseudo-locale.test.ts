import { describe, expect, it } from 'vitest';
import { invitePerson, roleIds } from '../helpers/browser.js';
import { pseudoLocalize as x } from '../../src/web/shared/i18n/pseudo.js';
import { pseudoLocaleSession } from './pseudo-locale-setup.js';

/**
 * The console in the pseudo-locale en-XA, where every catalogue string reads "⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧": any
 * English left on a main page was written into a component instead of the catalogue, and a second
 * language would miss it. Data (names, emails, role/group/Workspace names, numbers, dates) stays as it is.
 */
let userId = '';
const s = pseudoLocaleSession({
  async create(s) {
    await s.post('/api/roles', { name: 'Field auditor', permissions: ['users.view'] });
    await s.post('/api/groups', { name: 'Reviewers', description: 'Review cohort' });
    await s.post('/api/workspaces', { name: 'Borealis', type: 'collaborative', reason: 'Pseudo-locale test' });
    userId = await invitePerson(s.page.request, s.app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Viewer' });
  },
  names: () => [
    {
      paths: ['/api/auth/me', '/api/roles', '/api/groups', '/api/workspaces', '/api/users', `/api/users/${userId}`, `/api/users/${userId}/history`],
      fields: ['name', 'email', 'description', 'roleName', 'ownerName', 'slug', 'reason'],
    },
    // Still written in English by the server (not yet codes the console words): the checklist's items and audit feed labels.
    { paths: [`/api/users/${userId}`], fields: ['label', 'detail'] },
    { paths: [`/api/users/${userId}/activity`], fields: ['label'] },
  ],
  start: '/admin/users',
});

describe('the pseudo-locale en-XA', () => {
  it('should show the Users list, its account menu and the Invite New User dialog with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('⟦Ûšéŕš⟧').waitFor();
    await s.expectAllPseudo();

    await page.getByRole('button', { name: '⟦Åççöûñţ ɱéñû⟧' }).click();
    await page.getByRole('menu').waitFor();
    await s.expectAllPseudo();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧' }).click();
    await page.getByRole('dialog', { name: '⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧' }).waitFor();
    await s.expectAllPseudo();
  });

  it('should show a user’s detail page with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/users/${userId}`);
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await s.expectAllPseudo();
  });

  it.each([
    ['Manage Roles', '/admin/roles', 'Field auditor'],
    ['Groups', '/admin/groups', 'Reviewers'],
    ['Workspaces', '/admin/workspaces', 'Borealis'],
  ])('should show %s with no hard-coded English', async (_title, path, created) => {
    await s.page.goto(`${s.app.url}${path}`);
    await s.page.getByRole('link', { name: created }).first().waitFor();
    await s.expectAllPseudo();
  });

  it('should show the Organization overview with no hard-coded English', async () => {
    await s.page.goto(`${s.app.url}/admin/overview`);
    await s.page.getByRole('heading', { level: 1 }).waitFor();
    await s.page.locator('.recharts-surface').first().waitFor();
    await s.expectAllPseudo();
  });

  it('should show the bulk bar, each bulk dialog and a bulk change’s result with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('checkbox', { name: x('Select all users on this page') }).check();
    const bar = page.getByRole('region', { name: x('Bulk actions') });
    await bar.waitFor();
    await s.expectAllPseudo();
    for (const action of ['Assign role', 'Add to group', 'Remove from group', 'Deactivate']) {
      await bar.getByRole('button', { name: x(action) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // Sent empty, the form says what it misses.
      if (action !== 'Deactivate') await dialog.getByRole('button', { name: x(action) }).click();
      await s.expectAllPseudo();
      await dialog.getByRole('button', { name: x('Cancel') }).click();
      await dialog.waitFor({ state: 'detached' });
    }

    await bar.getByRole('button', { name: x('Add to group') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: x('Group') }).click();
    await page.getByRole('option', { name: 'Reviewers' }).click();
    await dialog.getByRole('button', { name: x('Add to group') }).click();
    await dialog.getByText(x('Done')).waitFor();
    await s.expectAllPseudo();
    await dialog
      .getByRole('button', { name: x('Close') })
      .first()
      .click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('should show the Bulk jobs panel with a job that can be undone, one that skipped someone, and who it skipped, with no hard-coded English', async () => {
    const { page, app } = s;
    const roles = await roleIds(page.request, app);
    // A role change run as a job (as one over 1,000 users is): it can be undone.
    await s.post('/api/bulk-jobs', { action: 'assign_role', userIds: [userId], roleId: roles['Field auditor'] });
    // A deactivation of everyone on the page through the dialog (always a job): the administrator cannot deactivate themself.
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('checkbox', { name: x('Select all users on this page') }).check();
    await page
      .getByRole('region', { name: x('Bulk actions') })
      .getByRole('button', { name: x('Deactivate') })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: x('Deactivate') }).click();
    await dialog.getByText(x('Started as a background job')).waitFor();
    await s.expectAllPseudo();
    await dialog
      .getByRole('button', { name: x('Close') })
      .first()
      .click();

    const panel = page.locator('section[aria-labelledby="bulk-jobs-title"]');
    await panel.getByText(x('Undo')).waitFor();
    await panel.getByRole('button', { name: x('See who') }).waitFor();
    await expect.poll(() => panel.getByText(x('Done')).count()).toBe(2);
    // Who started a job, and what it targeted, are data; so are the reasons the server gives for whom it skipped.
    const jobs = await s.namesFrom('/api/bulk-jobs', ['label', 'name']);
    const { items } = (await (await page.request.get(`${app.url}/api/bulk-jobs`)).json()) as { items: { id: string }[] };
    const skipped = (await Promise.all(items.map((job) => s.namesFrom(`/api/bulk-jobs/${job.id}`, ['message'])))).flat();
    await s.expectAllPseudo(page, [...jobs, ...skipped]);
    await panel.getByRole('button', { name: x('See who') }).click();
    await page.getByRole('dialog', { name: x('Skipped users') }).waitFor();
    await s.expectAllPseudo(page, [...jobs, ...skipped]);
  });
});
