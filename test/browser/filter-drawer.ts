import type { Page } from 'playwright-core';

export interface FilterChoice {
  /** The drawer's name ("Filter users"). */
  drawer: string;
  /** The filter's field in the drawer and the option chosen in it. */
  field: string;
  option: string;
  /** What the address shows once the filter applies. */
  url: RegExp;
  /** The button that closes the drawer onto the results ("Show users"). */
  show: string;
}

/**
 * A narrow page's filters folded into a drawer: open "Filters", choose one value (the address follows
 * at once), close it onto the results, and the button then counts the filter: "Filters (1)".
 */
export async function filterInDrawer(page: Page, choice: FilterChoice): Promise<void> {
  await page.getByRole('button', { name: 'Filters' }).click();
  const drawer = page.getByRole('dialog', { name: choice.drawer });
  await drawer.getByRole('combobox', { name: choice.field }).click();
  await page.getByRole('option', { name: choice.option, exact: true }).click();
  await page.waitForURL(choice.url);
  await drawer.getByRole('button', { name: choice.show }).click();
  await drawer.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Filters (1)' }).waitFor();
}
