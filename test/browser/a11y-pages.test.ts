import { describe, expect, it } from 'vitest';
import { adminContext, currentIds, EMPTY_IDS, EXTRA_URLS, inBothSchemes, onPage, open, ROUTER_PATHS, setUpAxeVisits, VISITS } from './a11y-visits.js';

setUpAxeVisits();

// Concurrent (two at a time, see vitest.config.ts): each test reads the pages through a page of its own and changes nothing.
describe.concurrent('axe on every route in light and dark', () => {
  it('should visit every route of the router', () => {
    expect([...ROUTER_PATHS].sort()).toEqual(Object.keys(VISITS).sort());
  });

  it.each(Object.keys(VISITS))('should find no violation on %s', async (path) => {
    await onPage(VISITS[path], async (page) => {
      const found = await inBothSchemes(page, 'page');
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    });
  });

  it.each(EXTRA_URLS.map((f) => [f(EMPTY_IDS), f]))('should find no violation on %s', async (_, url) => {
    const page = await adminContext().newPage();
    page.setDefaultTimeout(20_000);
    try {
      await open(page, url(currentIds()));
      const found = await inBothSchemes(page, 'page');
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    } finally {
      await page.close();
    }
  });
});
