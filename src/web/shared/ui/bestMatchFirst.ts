import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';

type Group = { group: string; items: ComboboxItem[] };

function rank(label: string, search: string): number {
  const text = label.toLowerCase();
  if (text === search) return 0;
  if (text.startsWith(search)) return 1;
  return text.split(/\s+/).some((word) => word.startsWith(search)) ? 2 : 3;
}

function matching(items: readonly ComboboxItem[], search: string): ComboboxItem[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item.label, search) }))
    .filter(({ item }) => item.label.toLowerCase().includes(search))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * The options a search keeps (every label containing it, as Mantine's default) with the closest
 * first: the exact name, then names starting with it, then names with a word starting with it. Typing
 * "Viewer" and pressing Enter picks Viewer, not "Security reviewer" listed before it.
 */
export const bestMatchFirst: OptionsFilter = ({ options, search, limit }) => {
  const wanted = search.trim().toLowerCase();
  const result: ComboboxParsedItem[] = [];
  for (const option of options) {
    if ('group' in option) {
      const items = wanted ? matching((option as Group).items, wanted) : (option as Group).items;
      if (items.length) result.push({ group: option.group, items });
    } else if (!wanted || option.label.toLowerCase().includes(wanted)) {
      result.push(option);
    }
  }
  const flat = wanted
    ? [
        ...matching(
          result.filter((o): o is ComboboxItem => !('group' in o)),
          wanted,
        ),
        ...result.filter((o) => 'group' in o),
      ]
    : result;
  return flat.slice(0, limit);
};
