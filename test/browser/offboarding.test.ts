import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES, type ServiceContentItem } from '../../src/contracts/ownership.js';
import { addActivePerson, launchBrowser, pickSearched, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let seeded: { leaverId: string; heirIds: string[] };
/** Signed in once: the printed link is single-use. */
let admin: BrowserContext;

/**
 * A leaver with 14 items across the seven types (every 5th with two collaborators, Sequences active
 * and paused) who sits on 3 items of a colleague, and three heirs: made through the app as an
 * administrator and Sofie's content services would, never by writing to its database.
 */
async function seedLeaver(request: APIRequestContext): Promise<{ leaverId: string; heirIds: string[] }> {
  const person = (email: string, name: string) => addActivePerson(browser, request, app, { email, name, role: 'Member' });
  const leaverId = await person('leaver@acme.test', 'Lee Leaver');
  const heirIds = [await person('heir0@acme.test', 'Heir 0'), await person('heir1@acme.test', 'Heir 1'), await person('heir2@acme.test', 'Heir 2')];
  const colleague = await person('colleague@acme.test', 'Colleague');
  const items: ServiceContentItem[] = Array.from({ length: 14 }, (_, i) => {
    const type = CONTENT_TYPES[i % CONTENT_TYPES.length];
    return {
      externalId: `leaver-${i}`,
      type,
      title: `${type} ${i}`,
      ownerUserId: leaverId,
      ...(type === 'sequence' && { sequenceStatus: i % 2 ? 'active' : 'paused' }),
      ...(i % 5 === 0 && {
        collaborators: [
          { userId: colleague, role: 'editor' },
          { userId: heirIds[0], role: 'viewer' },
        ],
      }),
    };
  });
  for (let i = 0; i < 3; i++) {
    items.push({
      externalId: `colleague-${i}`,
      type: 'codraft',
      title: `Colleague draft ${i}`,
      ownerUserId: colleague,
      collaborators: [{ userId: leaverId, role: i % 2 ? 'editor' : 'viewer' }],
    });
  }
  const token = await request.post(`${app.url}/api/service-tokens`, { data: { name: 'content-service' } });
  expect(token.status(), await token.text()).toBe(201);
  const registered = await request.put(`${app.url}/api/service/content-items`, {
    headers: { authorization: `Bearer ${((await token.json()) as { token: string }).token}` },
    data: { items },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  return { leaverId, heirIds };
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  admin = await browser.newContext();
  const page = await admin.newPage();
  await signInAsAdmin(page, app);
  await page.close();
  seeded = await seedLeaver(admin.request);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

async function pick(page: Page, label: string, search: string, option: string) {
  await pickSearched(page.getByRole('combobox', { name: label, exact: true }), search, option);
}

describe('Delete wizard', () => {
  it('should walk confirm → ownership → collaborators → reason and policy → type the email, and apply the plan', async () => {
    const page = await admin.newPage();
    await page.goto(`${app.url}/admin/users/${seeded.leaverId}/delete`);
    await page.getByRole('heading', { name: 'Delete Lee Leaver' }).waitFor();

    // 1. Confirm.
    const next = page.getByRole('button', { name: 'Review ownership' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByLabel('Lee Leaver should lose access to Sofie').check();
    await next.click();

    // 2. Ownership review: the seven types with counts; undecided items block the next step.
    await page.getByRole('heading', { name: 'Ownership review' }).waitFor();
    for (const [type, count] of [
      ['workspace', '2'],
      ['codraft', '2'],
      ['cosheet', '2'],
      ['comeeting', '2'],
      ['template', '2'],
      ['orchestration', '2'],
      ['sequence', '2'],
    ]) {
      expect(await page.getByTestId(`type-${type}`).getByRole('cell').nth(1).textContent()).toBe(count);
    }
    await page.getByText('Some owned items have no decision').waitFor();
    expect(await page.getByRole('button', { name: 'Next: collaborators' }).isDisabled()).toBe(true);

    await choose(page, 'Everything', 'Keep for the organization');
    await choose(page, 'CoDrafts decision', 'Transfer to…');
    await pick(page, 'CoDrafts decision: new owner', 'Heir 0', 'Heir 0 <heir0@acme.test>');
    // Per item: one Sequence goes to Heir 1.
    await choose(page, 'Decide per item', 'Sequences');
    const firstSequence = page.getByRole('table', { name: 'Items' }).getByRole('row').nth(1);
    const title = (await firstSequence.getByRole('cell').first().innerText())
      .split('\n')[0]
      .replace(/ (Active|Paused)$/, '')
      .trim();
    await choose(page, `Decision for ${title}`, 'Transfer to…');
    await pick(page, `Decision for ${title}: new owner`, 'Heir 1', 'Heir 1 <heir1@acme.test>');
    const summary = page.getByTestId('plan-summary');
    await summary.getByText('Transfer 2 items to Heir 0 (2 CoDrafts)').waitFor();
    await summary.getByText('Transfer 1 item to Heir 1 (1 Sequence)').waitFor();
    await summary.getByText('Keep 11 items for the organization', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Next: collaborators' }).click({ trial: false });

    // 3. Collaborator seats: replaced by Heir 2.
    await page.getByRole('heading', { name: 'Collaborator seats' }).waitFor();
    await page.getByRole('table', { name: 'Collaborator seats' }).waitFor();
    await page.getByLabel('Replace with another active user (same role)').check();
    await pick(page, 'Replacement collaborator', 'Heir 2', 'Heir 2 <heir2@acme.test>');
    const toReason = page.getByRole('button', { name: 'Next: reason and policy' });
    await expect.poll(() => toReason.isEnabled(), { timeout: 10_000 }).toBe(true);
    await toReason.click();

    // 4. Reason and policy.
    await page.getByLabel('Business reason').fill('Left the company on 28 November');
    await page.getByLabel('I acknowledge the organization’s offboarding policy').check();
    await page.getByRole('button', { name: 'Next: confirm' }).click();

    // 5. Dry-run preview, then type the email.
    await page.getByRole('heading', { name: 'Preview and confirm' }).waitFor();
    await page.getByText('Collaborator seats: 3 replaced, 0 removed').waitFor();
    const del = page.getByRole('button', { name: 'Delete user' });
    expect(await del.isDisabled()).toBe(true);
    await page.getByLabel('Type leaver@acme.test to confirm').fill('leaver@acme.test');
    await expect.poll(() => del.isEnabled(), { timeout: 10_000 }).toBe(true);
    await del.click();
    await page.getByRole('heading', { name: 'Lee Leaver was deleted' }).waitFor();
    await page
      .getByText(/Deleted user [0-9a-f]{4}…/)
      .first()
      .waitFor();

    // What the plan did, as the API sees it.
    const user = await (await page.request.get(`${app.url}/api/users/${seeded.leaverId}`)).json();
    expect(user.status).toBe('deleted');
    const heir0 = await (await page.request.get(`${app.url}/api/content-items?ownerUserId=${seeded.heirIds[0]}`)).json();
    expect(heir0.items.map((i: { type: string }) => i.type)).toEqual(['codraft', 'codraft']);
    const heir2Seats = await (await page.request.get(`${app.url}/api/content-items?collaboratorUserId=${seeded.heirIds[2]}`)).json();
    expect(heir2Seats.items).toHaveLength(3);
    const left = await (await page.request.get(`${app.url}/api/content-items?ownerUserId=${seeded.leaverId}`)).json();
    expect(left.items).toHaveLength(0);
    await page.close();
  });

  it('should list Workspaces with the path that grants access', async () => {
    const page = await admin.newPage();
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Workspaces' }).click();
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await page.getByRole('button', { name: 'New Workspace' }).click();
    await page.getByLabel('Name').fill('Atlas migration');
    await page.getByRole('button', { name: 'Create Workspace' }).click();
    await page.getByRole('heading', { name: 'Atlas migration' }).waitFor();
    await pick(page, 'User', 'Heir 1', 'Heir 1 <heir1@acme.test>');
    await page.getByRole('button', { name: 'Add member' }).click();
    const access = page.getByRole('table', { name: 'Effective access' });
    await access
      .getByRole('row', { name: /Heir 1/ })
      .getByText('Direct · Editor')
      .waitFor();
    await access
      .getByRole('row', { name: /Alice|admin@acme.test/ })
      .getByText('Direct · Admin')
      .waitFor();
    await page.close();
  });

  it('should deactivate and reactivate from the user page, and show the user’s Workspaces', async () => {
    const page = await admin.newPage();
    const workspace = await page.request.post(`${app.url}/api/workspaces`, { data: { name: 'Borealis launch', type: 'collaborative' } });
    expect(workspace.status(), await workspace.text()).toBe(201);
    const { id: workspaceId } = (await workspace.json()) as { id: string };
    const member = await page.request.put(`${app.url}/api/workspaces/${workspaceId}/members`, {
      data: { members: [{ type: 'user', id: seeded.heirIds[1], role: 'editor' }] },
    });
    expect(member.status(), await member.text()).toBe(200);
    await page.goto(`${app.url}/admin/users/${seeded.heirIds[1]}`);
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await page.getByRole('table', { name: 'User Workspaces' }).getByText('Borealis launch').waitFor();
    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Heir 1?' });
    await dialog.getByLabel('Business reason').fill('Extended leave');
    await dialog.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByText('Heir 1 is deactivated').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('dialog', { name: 'Reactivate Heir 1?' }).getByRole('button', { name: 'Reactivate user' }).click();
    await page.getByText('Heir 1 is active again').waitFor();
    const user = await (await page.request.get(`${app.url}/api/users/${seeded.heirIds[1]}`)).json();
    expect(user.status).toBe('active');
    await page.close();
  });

  it('should add a person to a Workspace from its page, offering only people matching what is typed while that search is on its way', async () => {
    const page = await admin.newPage();
    const workspace = await page.request.post(`${app.url}/api/workspaces`, { data: { name: 'Orion', type: 'collaborative' } });
    expect(workspace.status(), await workspace.text()).toBe(201);
    await page.goto(`${app.url}/admin/workspaces/${((await workspace.json()) as { id: string }).id}`);
    const picker = page.getByRole('combobox', { name: 'User' });
    await picker.fill('heir');
    const list = page.locator(`[id="${await picker.getAttribute('aria-controls')}"]`);
    await list.getByRole('option', { name: /Heir 2/ }).waitFor();

    // The next search's answer is held on its way back, so the answer for "heir" is still the one on screen.
    const isColleagueSearch = (url: URL) => url.pathname === '/api/users' && url.searchParams.get('search') === 'colleague';
    let asked!: () => void;
    const sent = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(isColleagueSearch, async (route) => {
      asked();
      await released;
      await route.continue();
    });
    await picker.fill('colleague');
    await sent;
    // Nobody "colleague" would not find can be picked meanwhile (the heirs were offered here a moment ago).
    await expect(list.getByRole('option', { name: /Heir/ }).count()).resolves.toBe(0);
    release();
    await list.getByRole('option', { name: /Colleague/ }).click();
    await page.unroute(isColleagueSearch);
    await page.getByRole('button', { name: 'Add member' }).click();
    await page
      .getByRole('table', { name: 'Members' })
      .getByRole('row', { name: /Colleague/ })
      .waitFor();
    await page.close();
  });
});
