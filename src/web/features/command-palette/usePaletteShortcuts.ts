import { useDisclosure, useHotkeys } from '@mantine/hooks';

/** Ctrl/⌘+K opens the palette from anywhere, a text field included; "?" shows the shortcuts, except while typing. */
export function usePaletteShortcuts() {
  const [paletteOpened, palette] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  useHotkeys([['mod+K', palette.open]], []);
  useHotkeys([['shift+?', help.open]]);
  return { paletteOpened, closePalette: palette.close, openPalette: palette.open, helpOpened, closeHelp: help.close };
}
