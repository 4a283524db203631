import { Anchor, createTheme, Drawer, FileInput, MantineProvider, Modal, MultiSelect, Notification, Select, type CSSVariablesResolver } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { StepUpPrompt } from '../features/account/components/StepUpPrompt';
import { ApiError } from '../shared/api';
import { AppRoutes } from './routes';
import { SessionWatcher } from './SessionWatcher';
import { useDialogFocusReturn } from './useDialogFocusReturn';

const theme = createTheme({
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
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, attributes: { header: { role: 'none' } } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, attributes: { header: { role: 'none' } } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } }),
    FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Clear file' } } }),
    Select: Select.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Clear' } } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Clear all' } } }),
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

// Mantine's default dimmed grey (3.3:1 on white), error red (3.6:1), the text of light badges and
// alerts (shade 6 on its own 10% tint: 3.6–3.8:1 for green and orange, about 2:1 for yellow) and
// disabled buttons (gray 5 on gray 2: 1.7:1) miss WCAG AA; these read at AA or better.
// Measured on the tint over white and over gray.1 (a hovered row): every pair is at least 4.5:1.
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
// Filled buttons with white text (shade 7 of red is 3.8:1, orange 3.0:1, blue 4.0:1): darker fills at 5:1 or more.
const FILLED: Record<string, [string, string]> = {
  red: ['#c92a2a', '#b02525'],
  orange: ['#a33a08', '#8f3407'],
  teal: ['#087f5b', '#076b4d'],
  cyan: ['#0b7285', '#095c6b'],
  blue: ['#1864ab', '#145591'],
  green: ['#237032', '#1e6b2e'],
  pink: ['#c2255c', '#a61e4d'],
};
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-yellow-light-color': '#6b4700',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-disabled-color': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([c, hex]) => [`--mantine-color-${c}-light-color`, hex])),
    ...Object.fromEntries(
      Object.entries(FILLED).flatMap(([c, [fill, hover]]) => [
        [`--mantine-color-${c}-filled`, fill],
        [`--mantine-color-${c}-filled-hover`, hover],
      ]),
    ),
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by retrying.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  useDialogFocusReturn();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <BrowserRouter>
            <SessionWatcher />
            <StepUpPrompt />
            <AppRoutes />
          </BrowserRouter>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
