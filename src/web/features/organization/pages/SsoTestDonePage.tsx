import { Alert, Center, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { SSO_TEST_CHANNEL } from '../api';
import { t } from '../../../shared/i18n';

/** Where the "Test connection" popup lands: tells the settings page to show the result, then closes. */
export function SsoTestDonePage() {
  const [params] = useSearchParams();
  const ok = params.get('ok') === '1';
  useEffect(() => {
    // A channel, not window.opener: the popup went through another origin, and the console's
    // Cross-Origin-Opener-Policy cut it from its opener on the way.
    const channel = new BroadcastChannel(SSO_TEST_CHANNEL);
    channel.postMessage({ connectionId: params.get('connection') });
    channel.close();
    const timer = window.setTimeout(() => window.close(), 1500);
    return () => window.clearTimeout(timer);
  }, [params]);
  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder p="xl" w={420}>
        <Stack>
          <Title order={1} size="h3">
            {t('ssoTest.title')}
          </Title>
          <Alert color={ok ? 'green' : 'red'}>{ok ? t('ssoTest.passed') : t('ssoTest.failed')}</Alert>
        </Stack>
      </Paper>
    </Center>
  );
}
