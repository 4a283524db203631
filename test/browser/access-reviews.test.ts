import { seriousViolations } from '../helpers/axe.js';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivePerson, launchBrowser, pickSearched, signInAsAdmin, signInAsNewPerson, startApp, type RunningApp } from '../helpers/browser.js';
import { readTar } from '../helpers/tar.js';
import { createHash } from 'node:crypto';

/** Where the Access Reviews tab is mounted (Security Center → Access Reviews). */
const REVIEWS_PATH = '/admin/security/access-reviews';

let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
}, 30_000);

/** Selects the rows of `names` in "My reviews" and records `decision` with `reason`. */
async function decide(page: Page, names: string[], decision: 'Keep' | 'Revoke', reason: string) {
  const table = page.getByRole('table', { name: 'My review items' });
  for (const name of names) await table.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: decision, exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: decision, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('access reviews in the console', () => {
  it('should run a campaign with two reviewers end to end: refuse self-review, close, revoke, export evidence', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin, app);
    const adminName = ((await (await admin.request.get(`${app.url}/api/auth/me`)).json()) as { user: { name: string } }).user.name;
    const uma = await addActivePerson(browser, admin.request, app, { email: 'uma@acme.test', name: 'Uma Manager', role: 'User manager' });
    const rita = await signInAsNewPerson(browser, admin.request, app, { email: 'rita@acme.test', name: 'Rita Reviewer', role: 'Security reviewer' });
    const ravi = await signInAsNewPerson(browser, admin.request, app, { email: 'ravi@acme.test', name: 'Ravi Reviewer', role: 'Security reviewer' });

    // The administrator starts a campaign over privileged users, reviewed by the Security reviewers.
    await admin.goto(`${app.url}${REVIEWS_PATH}`);
    await admin.getByRole('heading', { name: 'Review campaigns' }).waitFor();
    expect(await seriousViolations(admin, { include: 'main' })).toEqual([]);
    await admin.getByRole('button', { name: 'Start campaign' }).click();
    await admin.getByLabel('Name').fill('Q4 privileged access');
    await admin.getByRole('dialog').getByRole('combobox', { name: 'Reviewer role' }).click();
    await admin.getByRole('option', { name: 'Security reviewer', exact: true }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Start campaign' }).click();
    await admin.getByText('Holders of the role "Security reviewer"').first().waitFor();
    await admin.keyboard.press('Escape');

    // Rita revokes Uma, then tries to keep her own access and is told why she cannot.
    await rita.page.goto(`${app.url}${REVIEWS_PATH}`);
    await rita.page.getByRole('table', { name: 'My review items' }).waitFor();
    await expect(rita.page.getByText('This is your own access (Security reviewer).').isVisible()).resolves.toBe(true);
    await decide(rita.page, ['Uma Manager'], 'Revoke', 'Left the user-admin team');
    await decide(rita.page, ['Rita Reviewer', adminName, 'Ravi Reviewer'], 'Keep', 'Still needed');
    const refused = rita.page.getByRole('alert').filter({ hasText: '1 decision was not recorded' });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('rita@acme.test: This is your own access');

    // Ravi, the second reviewer, decides on Rita's access.
    await ravi.page.goto(`${app.url}${REVIEWS_PATH}`);
    await decide(ravi.page, ['Rita Reviewer'], 'Keep', 'Runs the access reviews');

    // The administrator closes the campaign: Uma's revocation is applied through the role guardrails.
    await admin.reload();
    await admin.getByRole('button', { name: 'Q4 privileged access' }).click();
    await admin.getByRole('button', { name: 'Close campaign' }).click();
    await admin.getByRole('button', { name: 'Close and apply' }).click();
    await admin.getByText('revoked — Role changed from User manager to Viewer.').waitFor();
    const user = await (await admin.request.get(`${app.url}/api/users/${uma}`)).json();
    expect(user.role.name).toBe('Viewer');
    expect(await seriousViolations(admin, { include: 'main' })).toEqual([]);

    // The evidence package downloads, and its manifest matches its files.
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download evidence package' }).click()]);
    const files = readTar(await readFile(await download.path()));
    const byName = new Map(files.map((f) => [f.name.split('/').pop()!, f.content]));
    const manifest = byName.get('MANIFEST.sha256')!.toString().trim().split('\n');
    expect(manifest).toHaveLength(6);
    for (const line of manifest) {
      const [digest, name] = line.split('  ');
      expect(createHash('sha256').update(byName.get(name)!).digest('hex'), name).toBe(digest);
    }
    const items = JSON.parse(byName.get('items.json')!.toString()) as {
      user: { email: string };
      decision: string;
      reviewerOfRecord: string;
      outcome: string;
    }[];
    expect(items.find((i) => i.user.email === 'uma@acme.test')).toMatchObject({
      decision: 'revoke',
      reviewerOfRecord: 'Rita Reviewer <rita@acme.test>',
      outcome: 'revoked',
    });

    // Generate Snapshot: browsable at once, and its PDF downloads for the auditor's file.
    await admin.keyboard.press('Escape');
    await admin.getByRole('button', { name: 'Generate Snapshot' }).click();
    await admin.getByRole('dialog').getByText('Privileged users without a passkey').waitFor();
    await admin.keyboard.press('Escape');
    const [pdf] = await Promise.all([
      admin.waitForEvent('download'),
      admin
        .getByRole('link', { name: /as PDF$/ })
        .first()
        .click(),
    ]);
    expect((await readFile(await pdf.path())).subarray(0, 8).toString()).toBe('%PDF-1.4');
    await Promise.all([adminContext.close(), rita.context.close(), ravi.context.close()]);
  });

  it("should reassign the reviewer role's open items to one person from the campaign page, leaving their own access with why", async () => {
    // Its own server: the administrator's sign-in link is used once, and this test starts from nothing.
    const own = await startApp();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    await signInAsAdmin(admin, own);
    await addActivePerson(browser, admin.request, own, { email: 'vera@acme.test', name: 'Vera Delegate', role: 'User manager' });
    await admin.goto(`${own.url}${REVIEWS_PATH}`);
    await admin.getByRole('button', { name: 'Start campaign' }).click();
    await admin.getByLabel('Name').fill('Reassigned review');
    await admin.getByRole('dialog').getByRole('combobox', { name: 'Reviewer role' }).click();
    await admin.getByRole('option', { name: 'Security reviewer', exact: true }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Start campaign' }).click();
    await admin.getByText('Holders of the role "Security reviewer"').first().waitFor();

    await admin.getByRole('button', { name: 'Reassign reviewer' }).click();
    await admin.getByRole('combobox', { name: 'From' }).click();
    await admin.getByRole('option', { name: /^Unassigned \(reviewer role\)/ }).click();
    await pickSearched(admin.getByRole('combobox', { name: 'To' }), 'Vera', 'Vera Delegate <vera@acme.test>');
    await admin.getByRole('textbox', { name: 'Reason' }).fill('Vera owns this quarter');
    expect(await seriousViolations(admin, { include: 'main' })).toEqual([]);
    await admin.getByRole('button', { name: 'Reassign', exact: true }).click();
    await admin.getByText(/items? reassigned to Vera Delegate\./).waitFor();
    const left = admin.getByRole('list', { name: 'Items left with their reviewer' });
    await expect(left.textContent()).resolves.toContain("vera@acme.test is Vera Delegate's own access");
    await admin.getByRole('table', { name: 'Campaign items' }).getByText('Vera Delegate').first().waitFor();
    await context.close();
    await own.stop();
  }, 90_000);
});
