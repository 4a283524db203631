import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';
import { expectAllPseudo, namesFrom } from './pseudo-locale-check.js';

/**
 * The setup every pseudo-locale test file shares: a server and a browser, the administrator signed in,
 * the data the file's pages need created, every name they may show gathered as data, and the console
 * switched to en-XA. A file declares only what it creates, where its names come from, and what it visits.
 */
export interface PseudoSession {
  app: RunningApp;
  browser: Browser;
  /** The administrator's page, in en-XA from the first test on. */
  page: Page;
  /** Every name, address and value the pages may show as data, longest first. */
  data: string[];
  /** POSTs `body` as the administrator (same-origin), expects a 2xx and gives back the answer. */
  post: (path: string, body: object) => Promise<{ id: string; token?: string }>;
  /** Fails listing any English on `p` (default: the administrator's page) that is neither pseudo-localised nor data (`data` plus `more`). */
  expectAllPseudo: (p?: Page, more?: string[]) => Promise<void>;
  /** The strings under `fields` in GET `path`'s answer (names to count as data). */
  namesFrom: (path: string, fields: string[]) => Promise<string[]>;
}

export interface PseudoSetup {
  /** The server's environment beyond the defaults. */
  env?: Record<string, string>;
  /** The viewport's height (1440 wide). */
  height?: number;
  /** Creates what the pages show, as the administrator, before names are gathered. */
  create?: (session: PseudoSession) => Promise<void>;
  /** Which API reads hold the names shown as data, and under which fields; read after `create`. */
  names: (session: PseudoSession) => { paths: string[]; fields: string[] }[];
  /** Further data: text the server writes in English and the console shows as it is. */
  more?: (session: PseudoSession) => string[] | Promise<string[]>;
  /** The page first opened with ?locale=en-XA (remembered for the rest of the session). */
  start: string;
  /** Runs after the browser and the server are closed. */
  cleanup?: () => Promise<void>;
}

/** Registers the file's beforeAll and afterAll; the session's fields are filled in by beforeAll. */
export function pseudoLocaleSession(setup: PseudoSetup): PseudoSession {
  const session = {
    data: [] as string[],
    async post(path: string, body: object) {
      const response = await session.page.request.post(`${session.app.url}${path}`, { headers: { origin: session.app.url }, data: body });
      expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
      return (await response.json()) as { id: string; token?: string };
    },
    expectAllPseudo: (p?: Page, more: string[] = []) =>
      expectAllPseudo(
        p ?? session.page,
        [...more, ...session.data].sort((a, b) => b.length - a.length),
      ),
    namesFrom: (path: string, fields: string[]) => namesFrom(session.page, session.app.url, path, fields),
  } as PseudoSession;

  beforeAll(async () => {
    [session.app, session.browser] = await Promise.all([startApp(setup.env), launchBrowser()]);
    session.page = await (await session.browser.newContext({ viewport: { width: 1440, height: setup.height ?? 900 } })).newPage();
    session.page.setDefaultTimeout(20_000);
    await signInAsAdmin(session.page, session.app);
    await setup.create?.(session);
    const reads = setup.names(session).flatMap(({ paths, fields }) => paths.map((path) => session.namesFrom(path, fields)));
    const names = (await Promise.all(reads)).flat();
    session.data = [...names, ...((await setup.more?.(session)) ?? [])].sort((a, b) => b.length - a.length);
    await session.page.goto(`${session.app.url}${setup.start}?locale=en-XA`);
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
    await setup.cleanup?.();
  });
  return session;
}
