import { Anchor, createTheme, Drawer, FileInput, Modal, MultiSelect, Notification, Select, type CSSVariablesResolver } from '@mantine/core';
import { t } from '../shared/i18n';
import { bestMatchFirst } from '../shared/ui/bestMatchFirst';

export const theme = createTheme({
  // People who ask their system for less motion get dialogs and menus without animations.
  respectReducedMotion: true,
  primaryColor: 'indigo',
  // Shade 7 keeps white text on filled buttons and badges above 4.5:1 (WCAG AA).
  primaryShade: { light: 7, dark: 8 },
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  // Filled buttons and badges in light colours (orange, green, yellow) get dark text: white on orange 6 is 2.6:1.
  autoContrast: true,
  // Mantine's close and clear buttons have no accessible name of their own. A modal's <header> would be
  // a second page banner (it sits in a role="dialog", not a <section>), so it is presented as plain.
  // Links inside text are underlined: colour alone does not tell them apart (WCAG 1.4.1).
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') }, attributes: { header: { role: 'none' } } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') }, attributes: { header: { role: 'none' } } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.dismissNotification') } } }),
    FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('common.clearFile') } } }),
    Select: Select.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') }, filter: bestMatchFirst } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('common.clearAll') }, filter: bestMatchFirst } }),
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

// Mantine's default dimmed grey (3.3:1 on white), error red (3.6:1), the text of light badges and
// alerts (shade 6 on its own 10% tint: 3.6–3.8:1 for green and orange, about 2:1 for yellow) and
// disabled buttons (gray 5 on gray 2: 1.7:1) miss WCAG AA; these read at AA or better.
// Measured on the tint over white and over gray.1 (a hovered row): every pair is at least 4.5:1. Outline
// buttons and badges, and text in a colour (`c="red"`), use the same colours (shade 6 reads at 3.5:1 for red).
const LIGHT_TEXT: Record<string, string> = {
  red: '#b02525',
  pink: '#a61e4d',
  grape: '#862e9c',
  violet: '#5f3dc4',
  indigo: '#364fc7',
  blue: '#1864ab',
  cyan: '#0b7285',
  teal: '#076b4d',
  green: '#237032',
  lime: '#3f6b08',
  orange: '#a33a08',
};
// Filled buttons with white text (shade 7 of red is 3.8:1, orange 3.0:1, blue 4.0:1; in dark Mantine
// fills with shade 8, red 8 is 4.5:1 at best): darker fills at 5:1 or more, the same in both schemes.
const FILLED: Record<string, [string, string]> = {
  red: ['#c92a2a', '#b02525'],
  orange: ['#a33a08', '#8f3407'],
  teal: ['#087f5b', '#076b4d'],
  cyan: ['#0b7285', '#095c6b'],
  blue: ['#1864ab', '#145591'],
  green: ['#237032', '#1e6b2e'],
  pink: ['#c2255c', '#a61e4d'],
};
const filled = Object.fromEntries(
  Object.entries(FILLED).flatMap(([c, [fill, hover]]) => [
    [`--mantine-color-${c}-filled`, fill],
    [`--mantine-color-${c}-filled-hover`, hover],
  ]),
);

/**
 * Our own colours, one name per use, so a page never picks a shade that only works in one scheme:
 * `--sofie-color-canvas` behind the cards of a page, `--sofie-color-brand` for the wordmark.
 * In dark, Mantine's dimmed dark.2 reads at 3.5:1 on a card (dark.6) and its error red.8 at 3.0:1:
 * these read at 4.5:1 or more on a card and on a hovered row (dark.5). A disabled button's fill is
 * dark.5, not the card's own dark.6, so it still shows its shape.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    '--mantine-color-yellow-light-color': '#6b4700',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-disabled-color': 'var(--mantine-color-gray-7)',
    '--sofie-color-canvas': 'var(--mantine-color-gray-0)',
    '--sofie-color-brand': 'var(--mantine-color-indigo-7)',
    ...Object.fromEntries(
      Object.entries(LIGHT_TEXT).flatMap(([c, hex]) => [
        [`--mantine-color-${c}-light-color`, hex],
        [`--mantine-color-${c}-outline`, hex],
        [`--mantine-color-${c}-text`, hex],
      ]),
    ),
    ...filled,
  },
  dark: {
    '--mantine-color-dimmed': '#a6a6a6',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
    '--mantine-color-disabled': 'var(--mantine-color-dark-5)',
    '--mantine-color-disabled-color': '#a6a6a6',
    '--sofie-color-canvas': 'var(--mantine-color-dark-8)',
    '--sofie-color-brand': 'var(--mantine-color-indigo-3)',
    ...filled,
  },
});
