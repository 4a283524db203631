import { axeCheck } from '../helpers/axe.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivePerson, launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
  await addActivePerson(browser, page.request, app, { email: 'bob.quill@acme.test', name: 'Bob Quill', role: 'Viewer' });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const palette = () => page.getByRole('dialog', { name: 'Command palette' });
const search = () => palette().getByRole('combobox', { name: 'Search pages, people, groups, roles and Workspaces' });

describe('the command palette, with the keyboard only', () => {
  it('should find a person by name and open their deactivation with Ctrl+K, arrows and Enter', async () => {
    await page.goto(`${app.url}/home`);
    await page.getByRole('heading').first().waitFor();
    await page.keyboard.press('Control+k');
    await expect.poll(() => search().evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await axeCheck(page, { include: '[role="dialog"]' })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
    await page.keyboard.type('quill');
    const deactivate = palette().getByRole('option', { name: /Deactivate Bob Quill…/ });
    await deactivate.waitFor();
    // The person comes first; one step down is the action on them.
    await expect.poll(() => palette().getByRole('option', { selected: true }).innerText()).toContain('Bob Quill');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => deactivate.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/users\/[^/?]+\?do=deactivate$/);
    await page.getByRole('dialog', { name: 'Deactivate Bob Quill?' }).waitFor();
  });

  it('should go to a page by a few letters of its name, and run "Invite user"', async () => {
    await page.goto(`${app.url}/home`);
    await page.getByRole('heading').first().waitFor();
    await page.keyboard.press('Control+k');
    await expect.poll(() => search().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('org set');
    await expect.poll(() => palette().getByRole('option', { selected: true }).innerText()).toContain('Organization settings');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/settings$/);

    await page.keyboard.press('Control+k');
    await expect.poll(() => search().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('invite user');
    await expect.poll(() => palette().getByRole('option', { selected: true }).innerText()).toContain('Invite user');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /Invite/ }).waitFor();
  });

  it('should list the shortcuts on "?"', async () => {
    await page.goto(`${app.url}/home`);
    await page.getByRole('heading').first().waitFor();
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Open the command palette').waitFor();
  });
});
