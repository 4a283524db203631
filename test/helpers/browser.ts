import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startServerProcess } from './app-process.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium with every context asking for reduced motion, which the app respects: dialogs and
 * notifications appear without their fade, so axe reads their final colours, not a frame mid-fade
 * (a notification at half opacity failed colour contrast in CI). Headless Chromium ignores
 * `--force-prefers-reduced-motion`; Playwright's context option is what reaches `matchMedia`.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
}

/** A running server. Tests reach it only as people and services do (the browser, the API), never its database. */
export interface RunningApp {
  url: string;
  /** The one-time link printed at start for the first administrator. */
  signInUrl: string;
  output: () => string;
  /** Only for startApp({ clock: true }): moves the server's clock forward. */
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the real server (src/server/main.ts, as npm start does) on a free port with a fresh SQLite
 * database, and waits for its start banner. `clock: true` starts it through test/helpers/clocked-server.ts
 * instead, whose clock the test can move forward (`advanceClock`).
 */
export async function startApp(env: Record<string, string> = {}, options: { clock?: boolean } = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sofie-browser-'));
  const server = await startServerProcess(
    { DATABASE_URL: `sqlite:${join(dir, 'sofie.db')}`, ...env },
    options.clock ? { entry: 'clocked-server', stdin: true } : {},
  );
  return {
    url: server.url,
    signInUrl: server.signInUrl,
    output: server.output,
    advanceClock: (ms) => server.ask(`advance ${ms}`, 'clock '),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the administrator's one-time link and waits for the Users page. */
export async function signInAsAdmin(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.signInUrl);
  await page.getByRole('heading', { name: 'Users' }).waitFor();
}

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The newest link to `path` (e.g. "/invitations/accept") mailed to `to`, read from the local mailbox
 * (its newest 100 messages) as a person would read their mail. Mail is written to the outbox in the
 * same transaction as the change that sends it, so it is there as soon as that request has answered.
 */
export async function mailedLink(request: APIRequestContext, app: RunningApp, to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\?token=[\\w-]+`);
  const mail = (await (await request.get(`${app.url}/api/mailbox?limit=100`)).json()) as { items: Mail[] };
  const link = mail.items.find((m) => m.to === to && pattern.test(m.text))?.text.match(pattern)?.[0];
  if (!link) throw new Error(`no ${path} link mailed to ${to}`);
  return link;
}

/** Role name → id, as the admin's session sees them. */
export async function roleIds(request: APIRequestContext, app: RunningApp): Promise<Record<string, string>> {
  const list = (await (await request.get(`${app.url}/api/roles`)).json()) as { items: { id: string; name: string }[] };
  return Object.fromEntries(list.items.map((r) => [r.name, r.id]));
}

export interface NewPerson {
  email: string;
  name: string;
  /** A role name ("Viewer", "User manager", or a custom role's name). */
  role: string;
  groupId?: string;
}

/** Invites a person through the API with the given role; returns their user id. */
export async function invitePerson(request: APIRequestContext, app: RunningApp, person: NewPerson): Promise<string> {
  const roleId = (await roleIds(request, app))[person.role];
  if (!roleId) throw new Error(`no role named ${person.role}`);
  const response = await request.post(`${app.url}/api/invitations`, {
    data: { entries: [{ email: person.email, name: person.name }], roleId, groupId: person.groupId, reason: 'Browser test' },
  });
  const body = (await response.json()) as { results?: { outcome: string; userId?: string; message: string }[] };
  const result = body.results?.[0];
  if (response.status() !== 200 || !result?.userId || result.outcome === 'rejected')
    throw new Error(`invite ${person.email}: ${response.status()} ${JSON.stringify(body)}`);
  return result.userId;
}

/**
 * A fresh browser session of a new person: the admin (whose `adminRequest` is given) invites them
 * with `role` through the API, and they accept the mailed invitation in a browser of their own.
 */
export async function signInAsNewPerson(
  browser: Browser,
  adminRequest: APIRequestContext,
  app: RunningApp,
  person: NewPerson,
): Promise<{ context: BrowserContext; page: Page; userId: string }> {
  const userId = await invitePerson(adminRequest, app, person);
  const link = await mailedLink(adminRequest, app, person.email, '/invitations/accept');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const accepted = await context.request.post(`${app.url}/api/invitations/accept`, { data: { token: new URL(link).searchParams.get('token') } });
  if (accepted.status() !== 200) throw new Error(`accept for ${person.email}: ${accepted.status()} ${await accepted.text()}`);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, userId };
}

/** A person with an active account (invited, and the invitation accepted); returns their user id. */
export async function addActivePerson(browser: Browser, adminRequest: APIRequestContext, app: RunningApp, person: NewPerson): Promise<string> {
  const { context, userId } = await signInAsNewPerson(browser, adminRequest, app, person);
  await context.close();
  return userId;
}

/**
 * Types `search` into a combobox whose options the server finds, and picks `option` once the list
 * shows that search's results. Until they arrive the previous search's list stays on screen, and a
 * click on it can land on a row the new results replace (CI once picked one member instead of two).
 */
export async function pickSearched(combobox: Locator, search: string, option: string | RegExp): Promise<void> {
  const page = combobox.page();
  await combobox.click();
  await combobox.fill(search);
  const listId = await combobox.getAttribute('aria-controls');
  if (!listId) throw new Error('the combobox names no list (aria-controls) after typing');
  await page.waitForFunction(
    ({ id, term }) => {
      const shown = [...(document.getElementById(id)?.querySelectorAll('[role="option"]') ?? [])].map((o) => (o as HTMLElement).innerText.toLowerCase());
      return shown.length > 0 && shown.every((text) => text.includes(term));
    },
    { id: listId, term: search.toLowerCase() },
  );
  await page.locator(`[id="${listId}"]`).getByRole('option', { name: option }).click();
}
