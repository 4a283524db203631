import { seriousViolations } from '../helpers/axe.js';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('Security Center', () => {
  it('should search Events by actor and category, open an event, keep the view in the URL, and export exactly that view', async () => {
    await invitePerson(page.request, app, { email: 'nora@example.com', name: 'Nora North', role: 'Viewer' });
    await invitePerson(page.request, app, { email: 'owen@example.com', name: 'Owen West', role: 'Viewer' });

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Security Center' }).click();
    await page.getByRole('heading', { name: 'Security Center' }).waitFor();
    await page.getByRole('tab', { name: 'Events', selected: true }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'auth.signed_in' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByText('The audit log is intact').waitFor();
    await page.mouse.move(900, 800); // off the navigation link just clicked (its hover shade is not what people read)
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'] })).toEqual([]);

    await page.getByLabel('Actor').fill('admin');
    await page.getByRole('combobox', { name: 'Category', exact: true }).click();
    await page.getByRole('option', { name: 'Access', exact: true }).click();
    await page.waitForURL(/actor=admin.*category=access|category=access.*actor=admin/);
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('invitation.sent'), expect.stringContaining('invitation.sent')]);
    expect(await rows.filter({ hasText: 'auth.signed_in' }).count()).toBe(0);

    await page
      .getByRole('button', { name: /^Open Invited at/ })
      .first()
      .click();
    const drawer = page.getByRole('dialog', { name: 'Invited' });
    await drawer.getByText('invitation.sent').waitFor(); // the event's code, as exported
    await drawer.getByText('Browser test').waitFor(); // the reason
    await drawer.getByText('Request id').waitFor();
    await page.waitForFunction(() => document.getAnimations().length === 0); // the drawer has finished sliding in
    // Only the drawer: the page behind its overlay is dimmed on purpose.
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'], include: '[role="dialog"]' })).toEqual([]);
    await page.keyboard.press('Escape');

    // The URL holds the view: a reload shows the same events.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);

    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    const file = readFileSync(await (await download).path(), 'utf8');
    const exported = Papa.parse<Record<string, string>>(file, { header: true, skipEmptyLines: true }).data;
    expect(exported.map((r) => [r.action, r.category])).toEqual([
      ['invitation.sent', 'access'],
      ['invitation.sent', 'access'],
    ]);
    expect(exported.map((r) => r.subject).sort()).toEqual(['nora@example.com', 'owen@example.com']);
  });

  it('should show recovery activity and the restore window on the Recovery tab', async () => {
    await page.goto(`${app.url}/admin/security/events`);
    await page.getByRole('tab', { name: 'Recovery' }).click();
    await page.waitForURL(/\/admin\/security\/recovery$/);
    await page.getByRole('heading', { name: 'Deleted users in the restore period' }).waitFor();
    await page.getByText('No recovery activity yet.').waitFor();
    expect(await seriousViolations(page, { tags: ['wcag2a', 'wcag2aa'] })).toEqual([]);
  });
});
