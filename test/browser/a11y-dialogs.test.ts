import { describe, expect, it } from 'vitest';
import { DIALOGS_BY_ROUTE, focusedName, inBothSchemes, onPage, openDialog, setUpAxeVisits, VISITS } from './a11y-visits.js';

setUpAxeVisits();

describe('axe on every dialog in light and dark, and focus back on the opener when a dialog closes', () => {
  // One test per page: it loads the page once and opens each of its dialogs in turn, every one closed
  // before the next opens. The time limit grows with the dialogs: a slow machine meets the page's
  // 30 s and each dialog's 30 s, not one limit for six.
  for (const [path, dialogs] of DIALOGS_BY_ROUTE) {
    it(
      `should find no violation in the dialogs of ${path}`,
      async () => {
        await onPage(VISITS[path], async (page) => {
          const found: Record<string, string[]> = {};
          for (const [name, opener] of dialogs) {
            await openDialog(page, opener);
            Object.assign(found, await inBothSchemes(page, name));
            // Escape closes it (a first Escape may close an open list inside it) and puts focus back on the button that opened it.
            if (await page.getByRole('listbox').isVisible()) await page.keyboard.press('Escape');
            await page.keyboard.press('Escape');
            await expect.poll(() => page.getByRole('dialog').count(), { message: `${name} closes on Escape` }).toBe(0);
            if (typeof opener === 'string') await expect.poll(() => focusedName(page), { message: `focus back on ${name}` }).toBe(opener);
          }
          expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
        });
      },
      30_000 * (dialogs.length + 1),
    );
  }
});
