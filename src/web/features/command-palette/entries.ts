import type { Icon } from '@tabler/icons-react';

/** One line of the palette: a page to open, an action to run, or something found by name. */
export interface PaletteEntry {
  id: string;
  group: 'Actions' | 'Pages' | 'Users' | 'Groups' | 'Roles' | 'Workspaces';
  label: string;
  hint?: string;
  /** Where choosing it goes; actions open their dialog there, with that page's permission and passkey checks. */
  to: string;
}

export interface PalettePage {
  label: string;
  to: string;
  icon: Icon;
}

/** Case-insensitive "contains" over the words typed, in any order: "set org" finds "Organization settings". */
export function matches(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
