import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { expectAllPseudo as expectPseudo, namesFrom } from './pseudo-locale-check.js';

/**
 * The console in the pseudo-locale en-XA, where every catalogue string reads "⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧": any
 * English left on a main page was written into a component instead of the catalogue, and a second
 * language would miss it. Data (names, emails, role/group/Workspace names, numbers, dates) stays as it is.
 */
let app: RunningApp;
let browser: Browser;
let page: Page;
let userId: string;
/** Every name, email and description the pages may show as data, longest first. */
let data: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  const post = async (path: string, body: object) => expect((await page.request.post(`${app.url}${path}`, { data: body })).status()).toBe(201);
  await post('/api/roles', { name: 'Field auditor', permissions: ['users.view'] });
  await post('/api/groups', { name: 'Reviewers', description: 'Review cohort' });
  await post('/api/workspaces', { name: 'Borealis', type: 'collaborative', reason: 'Pseudo-locale test' });
  userId = await invitePerson(page.request, app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Viewer' });
  const fields = ['name', 'email', 'description', 'roleName', 'ownerName', 'slug', 'reason'];
  const lists = ['/api/me', '/api/roles', '/api/groups', '/api/workspaces', '/api/users', `/api/users/${userId}`, `/api/users/${userId}/history`];
  const names = (await Promise.all(lists.map((path) => namesFrom(page, app.url, path, fields)))).flat();
  // Still written in English by the server (not yet codes the console words): the checklist's items and audit feed labels.
  const serverWords = [
    ...(await namesFrom(page, app.url, `/api/users/${userId}`, ['label', 'detail'])),
    ...(await namesFrom(page, app.url, `/api/users/${userId}/activity`, ['label'])),
  ];
  data = [...names, ...serverWords].sort((a, b) => b.length - a.length);
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
describe('the pseudo-locale en-XA', () => {
  it('should show the Users list, its account menu and the Invite New User dialog with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('⟦Ûšéŕš⟧').waitFor();
    await expectAllPseudo(page);

    await page.getByRole('button', { name: '⟦Åççöûñţ ɱéñû⟧' }).click();
    await page.getByRole('menu').waitFor();
    await expectAllPseudo(page);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧' }).click();
    await page.getByRole('dialog', { name: '⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧' }).waitFor();
    await expectAllPseudo(page);
  });

  it('should show a user’s detail page with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/users/${userId}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await expectAllPseudo(page);
  });

  it.each([
    ['Manage Roles', '/admin/roles', 'Field auditor'],
    ['Groups', '/admin/groups', 'Reviewers'],
    ['Workspaces', '/admin/workspaces', 'Borealis'],
  ])('should show %s with no hard-coded English', async (_title, path, created) => {
    await page.goto(`${app.url}${path}`);
    await page.getByRole('link', { name: created }).first().waitFor();
    await expectAllPseudo(page);
  });

  it('should show the Organization overview with no hard-coded English', async () => {
    await page.goto(`${app.url}/admin/overview`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await expectAllPseudo(page);
  });
});
