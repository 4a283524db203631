import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { StepUpPrompt } from '../features/account/components/StepUpPrompt';
import { ApiError } from '../shared/api';
import { AppRoutes } from './routes';
import { colorSchemeManager } from './colorScheme';
import { SessionWatcher } from './SessionWatcher';
import { cssVariablesResolver, theme } from './theme';
import { useDialogFocusReturn } from './useDialogFocusReturn';

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
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
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
