import { defaultOptionsFilter, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';

/**
 * The options filter of a list the server searches. Its answer is shown as it is, except while the
 * answer on screen is for an earlier search (typing, the debounce, the request on its way): then only
 * the options holding what is typed now are offered, so a click never lands on a row that the search
 * typed would not list.
 */
export function serverSearchFilter(answerIsCurrent: boolean): OptionsFilter {
  return answerIsCurrent ? ({ options }) => options : (input) => defaultOptionsFilter(input) as ComboboxParsedItem[];
}
