// The command palette's front door: Ctrl/⌘+K from every signed-in page.
export { CommandPalette } from './components/CommandPalette';
export { SearchButton } from './components/SearchButton';
export { ShortcutsHelp } from './components/ShortcutsHelp';
export { usePaletteShortcuts } from './usePaletteShortcuts';
export type { PalettePage } from './entries';
