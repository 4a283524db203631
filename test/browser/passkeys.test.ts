import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

/**
 * Passkeys in a real Chromium with its virtual WebAuthn authenticator (DevTools Protocol), against
 * the real server on http://localhost:<port> (WebAuthn allows plain http only on localhost).
 * The tests run in order and share one page, so the authenticator keeps its passkey between them.
 */
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let db: Database.Database;
let authenticatorId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  db = new Database(app.databaseUrl.slice('sqlite:'.length));
  context = await browser.newContext();
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const added = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  authenticatorId = added.authenticatorId;
}, 60_000);
afterAll(async () => {
  db?.close();
  await context?.close();
  await browser?.close();
  await app?.stop();
});

/** A same-origin API call from the signed-in page, as the console makes it. */
async function apiFromPage(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function signOut() {
  await apiFromPage('POST', '/api/auth/sign-out');
}

/** Magic-link sign-in through the form and the local mailbox, as a person would. */
async function signInByEmail(email: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('Check your email').waitFor();
  await page.goto(`${app.url}/mailbox`);
  await page.getByTestId('mail').filter({ hasText: 'Your Sofie sign-in link' }).first().getByRole('link').click();
}

describe('passkeys in the browser', () => {
  it('should send a user who must enrol to Account security, and let them in after "Add passkey"', async () => {
    await signInAsAdmin(page, app);
    expect((await apiFromPage('PATCH', '/api/organization/settings', { requirePasskeysForAllUsers: true })).status).toBe(200);

    await page.goto(`${app.url}/admin/users`);
    await page.waitForURL('**/account/security');
    await page.getByText('Add a passkey to continue').waitFor();
    await expect(page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Required by policy');

    await page.getByRole('button', { name: 'Add passkey' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    await page.goto(`${app.url}/account/security`);
    const table = page.getByRole('table', { name: 'Registered passkeys' });
    await table.waitFor();
    await expect(table.getByRole('row').count()).resolves.toBe(2); // header + the new passkey
    await expect(table.getByText('Device-bound').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Enabled');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
  });

  it('should keep Account security free of serious accessibility violations', async () => {
    const results = await new AxeBuilder({ page }).include('main').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('should rename a passkey from Account security', async () => {
    const table = page.getByRole('table', { name: 'Registered passkeys' });
    await table.getByRole('button', { name: /^Rename/ }).click();
    await page.getByRole('textbox', { name: 'Passkey name' }).fill('Test laptop');
    await page.getByRole('button', { name: 'Save' }).click();
    await table.getByText('Test laptop').waitFor();
  });

  it('should sign in with "Continue with passkey" without typing an email', async () => {
    await signOut();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole('button', { name: 'Continue with passkey' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    const me = await apiFromPage('GET', '/api/auth/me');
    expect(me.json.user.email).toBe('admin@acme.test');
  });

  it('should ask for the passkey after a magic-link sign-in when the role requires it', async () => {
    db.prepare("UPDATE roles SET require_passkey_after_magic_link = 1 WHERE system_key = 'admin'").run();
    await signOut();
    await signInByEmail('admin@acme.test');
    await page.waitForURL('**/account/verify-passkey**');
    await page.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    expect((await apiFromPage('GET', '/api/users')).json.error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
    await page.getByRole('button', { name: 'Use your passkey' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    db.prepare("UPDATE roles SET require_passkey_after_magic_link = 0 WHERE system_key = 'admin'").run();
  });

  it('should ask for the passkey before a role change, then complete it', async () => {
    const org = db.prepare('SELECT id FROM organizations LIMIT 1').get() as { id: string };
    const member = db.prepare("SELECT id FROM roles WHERE system_key = 'member'").get() as { id: string };
    const viewer = db.prepare("SELECT id FROM roles WHERE system_key = 'viewer'").get() as { id: string };
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO users (id, organization_id, email, email_normalized, name, search_text, role_id, status, version, created_at, updated_at)
       VALUES ('u-bob', ?, 'bob@acme.test', 'bob@acme.test', 'Bob', 'bob bob@acme.test', ?, 'active', 1, ?, ?)`,
    ).run(org.id, member.id, now, now);
    // A fresh magic-link session: the passkey has not been verified on it.
    await signOut();
    await signInByEmail('admin@acme.test');
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    // The API alone refuses: this session has not verified the passkey.
    const refused = await apiFromPage('PUT', '/api/users/u-bob/role', { roleId: viewer.id });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('STEP_UP_REQUIRED');

    // The console asks for the passkey, then completes the change.
    await page.goto(`${app.url}/admin/users/u-bob`);
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /^Viewer/ }).click();
    await page.getByRole('button', { name: 'Save role' }).click();
    const prompt = page.getByRole('dialog', { name: 'Confirm it’s you' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Use passkey' }).click();
    await expect(page.getByTestId('current-role').filter({ hasText: 'Viewer' }).waitFor()).resolves.toBeUndefined();
    const bob = await apiFromPage('GET', '/api/users/u-bob');
    expect(bob.json.role.name).toBe('Viewer');
    await expect(page.getByTestId('passkey-count').textContent()).resolves.toBe('No passkey');
  });

  it('should prompt for the passkey in place when an older session changes passkeys, then finish the change', async () => {
    db.prepare('UPDATE organizations SET require_passkeys_all = 0').run();
    // Age this session past the 10-minute window, as if it had been open all morning.
    db.prepare("UPDATE sessions SET created_at = '2020-01-01T00:00:00.000Z', passkey_verified_at = NULL WHERE revoked_at IS NULL").run();
    await page.goto(`${app.url}/account/security`);
    const table = page.getByRole('table', { name: 'Registered passkeys' });
    await table.getByRole('button', { name: /^Remove/ }).click();
    await page.getByRole('button', { name: 'Remove passkey' }).click();
    const prompt = page.getByRole('dialog', { name: 'Confirm it’s you' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Use passkey' }).click();
    await page.getByText('No passkeys yet.').waitFor();
    await expect(page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Not set up');
  });
});

