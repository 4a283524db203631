import { seriousViolations } from '../helpers/axe.js';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitePerson, launchBrowser, roleIds, signInAsAdmin, signInAsNewPerson, startApp, type NewPerson, type RunningApp } from '../helpers/browser.js';

/**
 * Passkeys in a real Chromium with its virtual WebAuthn authenticator (DevTools Protocol), against
 * the real server on http://localhost:<port> (WebAuthn allows plain http only on localhost). Each
 * test signs in a person of its own, in a browser context with an authenticator of its own.
 */
let app: RunningApp;
let browser: Browser;
let admin: BrowserContext;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  admin = await browser.newContext();
  await signInAsAdmin(await admin.newPage(), app);
}, 60_000);
afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await app?.stop();
});

interface Person {
  context: BrowserContext;
  page: Page;
  userId: string;
  email: string;
  cdp: CDPSession;
  authenticatorId: string;
}

/** Gives the page a platform authenticator (resident keys, user verification), as a laptop has. */
async function withAuthenticator(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const added = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId: added.authenticatorId };
}

/** A new person signed in through their invitation, with an authenticator but no passkey yet. */
async function newPerson(on: RunningApp, adminContext: BrowserContext, person: NewPerson): Promise<Person> {
  const { context, page, userId } = await signInAsNewPerson(browser, adminContext.request, on, person);
  return { context, page, userId, email: person.email, ...(await withAuthenticator(context, page)) };
}

/** Enrols a passkey from Account security, as the person would. */
async function addPasskey(person: Person, on: RunningApp = app): Promise<void> {
  await person.page.goto(`${on.url}/account/security`);
  await person.page.getByRole('button', { name: 'Add passkey' }).click();
  await person.page.getByRole('table', { name: 'Registered passkeys' }).getByRole('row').nth(1).waitFor();
}

/** A same-origin API call from the signed-in page, as the console makes it. */
async function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/** Magic-link sign-in through the form and the local mailbox, as a person would. */
async function signInByEmail(page: Page, on: RunningApp, email: string) {
  await page.goto(`${on.url}/sign-in`);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('Check your email').waitFor();
  await page.goto(`${on.url}/mailbox`);
  await page
    .getByTestId('mail')
    .filter({ hasText: `To: ${email}` })
    .filter({ hasText: 'Your Sofie sign-in link' })
    .first()
    .getByRole('link')
    .click();
}

describe('passkeys in the browser', () => {
  it('should send a user who must enrol to Account security, and let them in after "Add passkey"', async () => {
    // The organization-wide policy changes every account: this test has an organization of its own.
    const own = await startApp();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { cdp, authenticatorId } = await withAuthenticator(context, page);
      await signInAsAdmin(page, own);
      expect((await apiFromPage(page, 'PATCH', '/api/organization/settings', { requirePasskeysForAllUsers: true })).status).toBe(200);

      await page.goto(`${own.url}/admin/users`);
      await page.waitForURL('**/account/security');
      await page.getByText('Add a passkey to continue').waitFor();
      await expect(page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Required by policy');

      await page.getByRole('button', { name: 'Add passkey' }).click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();

      await page.goto(`${own.url}/account/security`);
      const table = page.getByRole('table', { name: 'Registered passkeys' });
      await table.waitFor();
      await expect(table.getByRole('row').count()).resolves.toBe(2); // header + the new passkey
      await expect(table.getByText('Device-bound').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Enabled');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0].isResidentCredential).toBe(true);
    } finally {
      await context.close();
      await own.stop();
    }
  });

  it('should keep Account security free of serious accessibility violations', async () => {
    const person = await newPerson(app, admin, { email: 'axel@acme.test', name: 'Axel Axe', role: 'Member' });
    try {
      await addPasskey(person);
      expect(await seriousViolations(person.page, { include: 'main' })).toEqual([]);
    } finally {
      await person.context.close();
    }
  });

  it('should rename a passkey from Account security', async () => {
    const person = await newPerson(app, admin, { email: 'rena@acme.test', name: 'Rena Rename', role: 'Member' });
    try {
      await addPasskey(person);
      const table = person.page.getByRole('table', { name: 'Registered passkeys' });
      await table.getByRole('button', { name: /^Rename/ }).click();
      await person.page.getByRole('textbox', { name: 'Passkey name' }).fill('Test laptop');
      await person.page.getByRole('button', { name: 'Save' }).click();
      await table.getByText('Test laptop').waitFor();
    } finally {
      await person.context.close();
    }
  });

  it('should sign in with "Continue with passkey" without typing an email', async () => {
    const person = await newPerson(app, admin, { email: 'connie@acme.test', name: 'Connie Passkey', role: 'Admin' });
    try {
      await addPasskey(person);
      await apiFromPage(person.page, 'POST', '/api/auth/sign-out');
      await person.page.goto(`${app.url}/sign-in`);
      await person.page.getByRole('button', { name: 'Continue with passkey' }).click();
      await person.page.getByRole('heading', { name: 'Users' }).waitFor();
      const me = await apiFromPage(person.page, 'GET', '/api/auth/me');
      expect(me.json.user.email).toBe('connie@acme.test');
    } finally {
      await person.context.close();
    }
  });

  it('should ask for the passkey after a magic-link sign-in when the role requires it', async () => {
    const created = await admin.request.post(`${app.url}/api/roles`, {
      data: { name: 'Directory with passkey', permissions: ['users.view'], securityPolicy: { requirePasskeyAfterMagicLink: true } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const person = await newPerson(app, admin, { email: 'magda@acme.test', name: 'Magda Link', role: 'Member' });
    try {
      await addPasskey(person);
      const roleId = (await roleIds(admin.request, app))['Directory with passkey'];
      expect((await admin.request.put(`${app.url}/api/users/${person.userId}/role`, { data: { roleId, reason: 'Directory lookups' } })).status()).toBe(200);

      await apiFromPage(person.page, 'POST', '/api/auth/sign-out');
      await signInByEmail(person.page, app, person.email);
      await person.page.waitForURL('**/account/verify-passkey**');
      await person.page.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
      expect((await apiFromPage(person.page, 'GET', '/api/users')).json.error.code).toBe('PASSKEY_VERIFICATION_REQUIRED');
      await person.page.getByRole('button', { name: 'Use your passkey' }).click();
      await person.page.getByRole('heading', { name: 'Users' }).waitFor();
    } finally {
      await person.context.close();
    }
  });

  it('should let someone who lost their passkey back in only after an administrator allows a recovery', async () => {
    const created = await admin.request.post(`${app.url}/api/roles`, {
      data: { name: 'Directory, passkey after link', permissions: ['users.view'], securityPolicy: { requirePasskeyAfterMagicLink: true } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const person = await newPerson(app, admin, { email: 'lou@acme.test', name: 'Lou Lost', role: 'Member' });
    const adminPage = await admin.newPage();
    try {
      await addPasskey(person);
      const roleId = (await roleIds(admin.request, app))['Directory, passkey after link'];
      expect((await admin.request.put(`${app.url}/api/users/${person.userId}/role`, { data: { roleId, reason: 'Directory lookups' } })).status()).toBe(200);
      // The phone with the passkey is gone.
      await person.cdp.send('WebAuthn.clearCredentials', { authenticatorId: person.authenticatorId });
      await apiFromPage(person.page, 'POST', '/api/auth/sign-out');
      await signInByEmail(person.page, app, person.email);
      await person.page.getByText('Lost your passkey? Ask an administrator of your organization to allow a passkey recovery').waitFor();

      // Whoever holds the mailbox cannot add a passkey of their own instead.
      await person.page.goto(`${app.url}/account/security`);
      await person.page.getByText('If you lost it, ask an administrator to allow a passkey recovery.').waitFor();
      expect(await person.page.getByRole('button', { name: 'Add passkey' }).count()).toBe(0);

      await adminPage.goto(`${app.url}/admin/users/${person.userId}`);
      await adminPage.getByRole('button', { name: 'Allow passkey recovery' }).click();
      const dialog = adminPage.getByRole('dialog', { name: 'Allow passkey recovery' });
      await dialog.getByLabel(/reason/i).fill('Lost phone; called back on the number in HR records');
      await dialog.getByRole('button', { name: 'Allow recovery' }).click();
      await adminPage.getByText(/^Recovery allowed until /).waitFor();

      await person.page.reload();
      await person.page.getByRole('button', { name: 'Add passkey' }).click();
      await person.page.getByRole('heading', { name: 'Users' }).waitFor();
      expect((await apiFromPage(person.page, 'GET', '/api/auth/me')).json.passkeyGate).toBeNull();
      await adminPage.reload();
      await adminPage.getByText('Passkey recovery allowed').first().waitFor();
      await adminPage.getByText('Passkey added without the old one (recovery)').first().waitFor();
    } finally {
      await adminPage.close();
      await person.context.close();
    }
  });

  it('should ask for the passkey before a role change, then complete it', async () => {
    const bobId = await invitePerson(admin.request, app, { email: 'bob@acme.test', name: 'Bob', role: 'Member' });
    const person = await newPerson(app, admin, { email: 'stella@acme.test', name: 'Stella Stepup', role: 'Admin' });
    try {
      await addPasskey(person);
      // A fresh magic-link session: the passkey has not been verified on it.
      await apiFromPage(person.page, 'POST', '/api/auth/sign-out');
      await signInByEmail(person.page, app, person.email);
      await person.page.getByRole('heading', { name: 'Users' }).waitFor();

      // The API alone refuses: this session has not verified the passkey.
      const viewer = (await roleIds(admin.request, app)).Viewer;
      const refused = await apiFromPage(person.page, 'PUT', `/api/users/${bobId}/role`, { roleId: viewer });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('STEP_UP_REQUIRED');

      // The console asks for the passkey, then completes the change.
      await person.page.goto(`${app.url}/admin/users/${bobId}`);
      await person.page.getByRole('button', { name: 'Change role' }).click();
      await person.page.getByRole('dialog').getByRole('combobox', { name: 'Role' }).click();
      await person.page.getByRole('option', { name: /^Viewer/ }).click();
      await person.page.getByRole('button', { name: 'Save role' }).click();
      const prompt = person.page.getByRole('dialog', { name: 'Confirm it’s you' });
      await prompt.waitFor();
      await prompt.getByRole('button', { name: 'Use passkey' }).click();
      await person.page.getByTestId('current-role').filter({ hasText: 'Viewer' }).waitFor();
      const bob = await apiFromPage(person.page, 'GET', `/api/users/${bobId}`);
      expect(bob.json.role.name).toBe('Viewer');
      await expect(person.page.getByTestId('passkey-count').textContent()).resolves.toBe('No passkey');
    } finally {
      await person.context.close();
    }
  });

  it('should prompt for the passkey in place when an older session changes passkeys, then finish the change', async () => {
    // A session grows old by the server's clock: this test's server has one it can move forward.
    const own = await startApp({}, { clock: true });
    const ownAdmin = await browser.newContext();
    try {
      await signInAsAdmin(await ownAdmin.newPage(), own);
      const person = await newPerson(own, ownAdmin, { email: 'olga@acme.test', name: 'Olga Older', role: 'Member' });
      await addPasskey(person, own);
      // The session has been open all morning: past the 10-minute window of its sign-in and its passkey.
      await own.advanceClock(11 * 60_000);

      await person.page.goto(`${own.url}/account/security`);
      const table = person.page.getByRole('table', { name: 'Registered passkeys' });
      await table.getByRole('button', { name: /^Remove/ }).click();
      await person.page.getByRole('button', { name: 'Remove passkey' }).click();
      const prompt = person.page.getByRole('dialog', { name: 'Confirm it’s you' });
      await prompt.waitFor();
      await prompt.getByRole('button', { name: 'Use passkey' }).click();
      await person.page.getByText('No passkeys yet.').waitFor();
      await expect(person.page.getByTestId('passkey-mfa-status').textContent()).resolves.toBe('Not set up');
    } finally {
      await ownAdmin.close();
      await own.stop();
    }
  });
});
