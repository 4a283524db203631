import { describe, expect, it } from 'vitest';
import { DIALOGS, focusedName, inBothSchemes, onPage, openDialog, setUpAxeVisits, VISITS } from './a11y-visits.js';

setUpAxeVisits();

describe('axe on every dialog in light and dark, and focus back on the opener when a dialog closes', () => {
  // One test per dialog: each opens its page afresh, so a slow machine meets one dialog's time limit, not a page's six.
  it.each(DIALOGS)('should find no violation on %s', async (_, path, opener) => {
    await onPage(VISITS[path], async (page) => {
      await openDialog(page, opener);
      const found = await inBothSchemes(page, 'dialog');
      // Escape closes it (a first Escape may close an open list inside it) and puts focus back on the button that opened it.
      if (await page.getByRole('listbox').isVisible()) await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      if (typeof opener === 'string') await expect.poll(() => focusedName(page)).toBe(opener);
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    });
  });
});
