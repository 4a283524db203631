import { Alert, Center, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** Where the "Test connection" popup lands: tells the settings page to show the result, then closes. */
export function SsoTestDonePage() {
  const [params] = useSearchParams();
  const ok = params.get('ok') === '1';
  useEffect(() => {
    (window.opener as Window | null)?.postMessage({ type: 'sofie-sso-test', connectionId: params.get('connection') }, window.location.origin);
    const timer = window.setTimeout(() => window.close(), 1500);
    return () => window.clearTimeout(timer);
  }, [params]);
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={420}>
        <Stack>
          <Title order={3}>Test connection</Title>
          <Alert color={ok ? 'green' : 'red'}>
            {ok ? 'The test passed.' : 'The test failed.'} The result is shown in Organization settings → Single sign-on.
          </Alert>
        </Stack>
      </Paper>
    </Center>
  );
}
