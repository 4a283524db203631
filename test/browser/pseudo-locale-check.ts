import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The pseudo-locale check shared by the pseudo-locale tests. In en-XA every catalogue string reads
 * "⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧": any English left on a page was written into a component instead of the
 * catalogue, and a second language would miss it. Data (names, emails, role/group/Workspace names,
 * numbers, dates) stays as it is and is passed in as `known`; elements marked translate="no" (codes,
 * ids, what a browser sent) are data by the HTML standard's own mark.
 */

/** The strings found under `fields` anywhere in the JSON answer of GET `path`. */
export async function namesFrom(page: Page, baseUrl: string, path: string, fields: string[]): Promise<string[]> {
  const body = (await (await page.request.get(`${baseUrl}${path}`)).json()) as { items?: Record<string, unknown>[] } & Record<string, unknown>;
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (fields.includes(key) && typeof inner === 'string' && inner) out.push(inner);
        else visit(inner);
      }
  };
  visit(body);
  return out;
}

export /**
 * Every visible text node, and the aria-label, placeholder, title and alt of visible elements, that
 * still holds an ASCII letter once pseudo-localised parts (⟦…⟧), data and Intl's dates are taken out.
 * Times in <time> elements are the formatting module's (Intl) and count as data.
 */
function hardCodedEnglish(p: Page, known: string[]): Promise<string[]> {
  // Avatars show a name's initials ("A", "AL"): data too, but only as a whole text.
  const initials = known.flatMap((name) => {
    const letters = name.split(/\s+/).map((word) => word[0] ?? '');
    return [letters[0], letters.join('').slice(0, 2)].map((s) => s.toUpperCase());
  });
  return p.evaluate(
    ([known, initials]) => {
      const months = Array.from({ length: 12 }, (_, m) =>
        ['short', 'long'].map((month) => new Intl.DateTimeFormat(undefined, { month: month as 'short' }).format(new Date(Date.UTC(2026, m, 15)))),
      ).flat();
      const weekdays = Array.from({ length: 7 }, (_, d) =>
        new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(new Date(Date.UTC(2026, 10, 30 + d))),
      );
      const intlWords = new RegExp(`\\b(${[...months, ...weekdays, 'AM', 'PM'].join('|')})\\b`, 'g');
      const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const leftover = (text: string) => {
        let rest = text;
        for (let before = ''; before !== rest;) rest = (before = rest).replace(/⟦[^⟦⟧]*⟧/g, ' ');
        for (const value of known) rest = rest.split(value).join(' ');
        return rest.replace(intlWords, ' ');
      };
      const found = new Set<string>();
      const check = (text: string | null, where: string) => {
        if (text && !initials.includes(text.trim()) && /[A-Za-z]/.test(leftover(text))) found.add(`${where}: ${text.trim()}`);
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, noscript, time, [translate="no"]') || !visible(parent)) continue;
        check(node.textContent, 'text');
      }
      for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
        if (!visible(el) || el.closest('time, [translate="no"]')) continue;
        for (const name of ['aria-label', 'placeholder', 'title', 'alt']) check(el.getAttribute(name), name);
      }
      return [...found];
    },
    [known, initials] as const,
  );
}

/** Fails listing every piece of English on the page that is neither pseudo-localised nor data. */
export async function expectAllPseudo(p: Page, known: string[]) {
  expect(await hardCodedEnglish(p, known)).toEqual([]);
}
