import { axeCheck } from '../helpers/axe.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/**
 * Organization settings has one save model: every card saves its own fields with its own Save,
 * enabled only while that card has changes, and says "Saved" when the server has them.
 */
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInAsAdmin(page, app);
}, 90_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

const card = (name: string) => page.getByRole('region', { name });
const saveOf = (region: Locator, what: string) => region.getByRole('button', { name: `Save ${what}` });
const statusOf = (region: Locator) => region.getByRole('status').last();

async function violations(): Promise<string[]> {
  const result = await axeCheck(page);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Organization settings: one save model', () => {
  it('should save each card on its own, only while it has changes, and say "Saved"', async () => {
    await page.goto(`${app.url}/admin/settings`);
    const general = card('General');
    const invitations = card('Invitations and user changes');
    const policy = card('Authentication Policy');
    const usage = card('Usage data');
    await general.getByLabel('Organization name').waitFor();
    await expect.poll(() => usage.getByLabel('Keep raw usage events for (days)').inputValue()).toBe('90');

    // Nothing changed: no card can be saved, and none asks for a reason.
    for (const [region, what] of [
      [general, 'general'],
      [invitations, 'invitations and user changes'],
      [policy, 'authentication policy'],
      [usage, 'usage data retention'],
    ] as const) {
      await expect.poll(() => saveOf(region, what).isDisabled()).toBe(true);
    }
    await expect.poll(() => page.getByLabel('Business reason', { exact: true }).count()).toBe(0);

    // Two cards edited: each shows its own changes; only the edited cards can be saved.
    await general.getByLabel('Organization name').fill('Acme Renamed');
    await invitations.getByLabel('Invitation expiry (days)').fill('21');
    await expect.poll(() => saveOf(general, 'general').isEnabled()).toBe(true);
    await expect.poll(() => saveOf(invitations, 'invitations and user changes').isEnabled()).toBe(true);
    await expect.poll(() => saveOf(policy, 'authentication policy').isDisabled()).toBe(true);
    await expect.poll(() => statusOf(general).innerText()).toBe('Unsaved changes');

    // Saving one card sends that card only, with its reason, and says so in that card.
    await invitations.getByLabel('Business reason', { exact: true }).fill('Longer onboarding (ticket HR-7)');
    await saveOf(invitations, 'invitations and user changes').click();
    await statusOf(invitations).filter({ hasText: 'Saved' }).waitFor();
    await expect.poll(() => saveOf(invitations, 'invitations and user changes').isDisabled()).toBe(true);
    await expect.poll(() => invitations.getByLabel('Business reason', { exact: true }).count()).toBe(0);
    const settings = (await (await page.request.get(`${app.url}/api/organization/settings`)).json()) as { name: string; invitationExpiryDays: number };
    expect(settings).toMatchObject({ name: 'Acme Corp', invitationExpiryDays: 21 });
    const audit = (await (await page.request.get(`${app.url}/api/audit-events?category=admin`)).json()) as {
      items: { action: string; reason: string | null; before: { name: string }; after: { name: string; invitationExpiryDays: number } }[];
    };
    expect(audit.items.find((e) => e.action === 'organization.settings_updated')).toMatchObject({
      reason: 'Longer onboarding (ticket HR-7)',
      after: { name: 'Acme Corp', invitationExpiryDays: 21 },
    });

    // The other card keeps its edit until it is saved or discarded.
    await expect.poll(() => general.getByLabel('Organization name').inputValue()).toBe('Acme Renamed');
    await expect.poll(() => statusOf(general).innerText()).toBe('Unsaved changes');
    expect(await violations()).toEqual([]);
    await general.getByRole('button', { name: 'Discard changes to general' }).click();
    await expect.poll(() => general.getByLabel('Organization name').inputValue()).toBe('Acme Corp');
    await expect.poll(() => saveOf(general, 'general').isDisabled()).toBe(true);

    // An edit after a save clears "Saved"; Enter in a field saves its own card.
    await invitations.getByLabel('Invitation expiry (days)').fill('30');
    await expect.poll(() => statusOf(invitations).innerText()).toBe('Unsaved changes');
    await invitations.getByLabel('Invitation expiry (days)').press('Enter');
    await statusOf(invitations).filter({ hasText: 'Saved' }).waitFor();

    // The usage card, on its own API, saves the same way.
    await usage.getByLabel('Keep raw usage events for (days)').fill('120');
    await saveOf(usage, 'usage data retention').click();
    await statusOf(usage).filter({ hasText: 'Saved' }).waitFor();
    expect(await (await page.request.get(`${app.url}/api/usage/settings`)).json()).toEqual({ retentionDays: 120 });

    // After a reload every card starts from what the server has, with nothing to save.
    await page.reload();
    await expect.poll(() => invitations.getByLabel('Invitation expiry (days)').inputValue()).toBe('30');
    await expect.poll(() => usage.getByLabel('Keep raw usage events for (days)').inputValue()).toBe('120');
    await expect.poll(() => saveOf(invitations, 'invitations and user changes').isDisabled()).toBe(true);
  });
});
