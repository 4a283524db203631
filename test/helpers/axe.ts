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

/**
 * The serious and critical violations in a page (axeCheck's `include` and `tags`), each as
 * `rule: selector (failure summary), …`: the summary says why a node fails (for a contrast failure,
 * its colours and ratio), so a failing test names the cause, not only the element. [] when there are none.
 */
export async function seriousViolations(page: Page, options: { include?: string; tags?: string[] } = {}): Promise<string[]> {
  const result = await axeCheck(page, options);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join(', ')}`);
}
