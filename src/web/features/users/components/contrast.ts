import type { CSSProperties } from 'react';

/**
 * Mantine's defaults miss WCAG AA contrast for dimmed text (gray.6 on white, 3.3:1) and white on the
 * filled primary (indigo.6, 4.3:1). Until the theme changes, the Users and Invitations screens (and
 * their modals, which render in a portal) set darker shades on their own root.
 */
export const CONTRAST_VARS = {
  '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
  '--mantine-primary-color-filled': 'var(--mantine-color-indigo-8)',
  '--mantine-primary-color-filled-hover': 'var(--mantine-color-indigo-9)',
} as CSSProperties;

export const MODAL_A11Y = { style: CONTRAST_VARS, closeButtonProps: { 'aria-label': 'Close' } } as const;
