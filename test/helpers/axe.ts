import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core's violations in a page, as @axe-core/playwright's AxeBuilder reports them, without its cost:
 * AxeBuilder puts axe's source into the page again and opens a blank page to assemble the results on
 * every analysis (6–15 s a call on this machine); this puts axe into the page (and its frames) once
 * and runs it there (0.5–1.3 s). `include` narrows to a selector; `tags` runs only rules with them.
 */
export async function axeCheck(page: Page, options: { include?: string; tags?: string[] } = {}): Promise<{ violations: axe.Result[] }> {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'))) await frame.evaluate(axe.source);
  }
  const violations = await page.evaluate(
    ({ include, tags }) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(include ? { include: [include] } : document, {
          resultTypes: ['violations'],
          ...(tags ? { runOnly: { type: 'tag' as const, values: tags } } : {}),
        })
        .then((r) => r.violations),
    { include: options.include ?? null, tags: options.tags ?? null },
  );
  return { violations };
}
