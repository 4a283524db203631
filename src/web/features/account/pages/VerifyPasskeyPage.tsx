import { Alert, Anchor, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call } from '../../../shared/client';
import { passkeyErrorMessage, verifyPasskey } from '../api';
import { t, tRich } from '../../../shared/i18n';

/** After a magic-link sign-in, a role may require a passkey check before anything else. */
export function VerifyPasskeyPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = params.get('next');

  async function go() {
    setBusy(true);
    setError(null);
    try {
      await verifyPasskey();
      await queryClient.invalidateQueries();
      void navigate(next && next.startsWith('/') ? next : '/', { replace: true });
    } catch (e) {
      setError(passkeyErrorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    await call('post', '/api/auth/sign-out');
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  }

  return (
    <Center component="main" mih="100vh" bg="var(--sofie-color-canvas)" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={440} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('account.confirmIdentity')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('verifyPasskey.reason')}
            </Text>
          </div>
          {error && <Alert color="red">{error}</Alert>}
          <Button leftSection={<IconFingerprint size={18} />} onClick={() => void go()} loading={busy} fullWidth>
            {t('verifyPasskey.use')}
          </Button>
          <Text size="sm">
            {tRich('verifyPasskey.lost', {
              link: (
                <Anchor component={Link} to="/account/security">
                  {t('verifyPasskey.addNew')}
                </Anchor>
              ),
            })}
          </Text>
          <Button variant="subtle" onClick={() => void signOut()}>
            {t('verifyPasskey.signOut')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
