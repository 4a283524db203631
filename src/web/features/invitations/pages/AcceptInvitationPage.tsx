import { Alert, Button, Center, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage, type ApiErrorCode } from '../../../shared/api';
import { acceptInvitation } from '../api';
import { t, type PlainMessageKey } from '../../../shared/i18n';

const TITLES: Partial<Record<ApiErrorCode, PlainMessageKey>> = {
  INVITATION_EXPIRED: 'accept.expired',
  INVITATION_REVOKED: 'accept.revoked',
  INVITATION_ACCEPTED: 'accept.accepted',
  INVITATION_INVALID: 'accept.invalid',
};

/**
 * The emailed link opens this public page; accepting is a deliberate POST, so a mail scanner that
 * prefetches the link cannot use the invitation up.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ApiErrorCode | 'ERROR'; message: string } | null>(
    token
      ? null
      : {
          code: 'INVITATION_INVALID',
          message: t('accept.incomplete'),
        },
  );

  async function accept() {
    setBusy(true);
    try {
      const result = await acceptInvitation(token);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      void navigate(result.redirectTo || '/welcome', { replace: true });
    } catch (e) {
      setError({ code: e instanceof ApiError ? e.code : 'ERROR', message: errorMessage(e) });
      setBusy(false);
    }
  }

  return (
    <Center component="main" mih="100vh" bg="var(--sofie-color-canvas)" p="md">
      <Paper withBorder p="xl" radius="lg" w={460} maw="100%" shadow="sm">
        <Stack>
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconMailOpened size={26} />
          </ThemeIcon>
          <Title order={1} size="h2">
            {t('accept.title')}
          </Title>
          {error ? (
            <>
              <Alert color={error.code === 'INVITATION_ACCEPTED' ? 'blue' : 'red'} title={t((error.code !== 'ERROR' && TITLES[error.code]) || 'accept.failed')}>
                {error.message}
              </Alert>
              <Button component={Link} to="/sign-in" variant={error.code === 'INVITATION_ACCEPTED' ? 'filled' : 'default'}>
                {t('accept.signIn')}
              </Button>
            </>
          ) : (
            <>
              <Text>{t('accept.intro')}</Text>
              <List size="sm" spacing={4}>
                <List.Item>{t('accept.oneTimeLink')}</List.Item>
                <List.Item>{t('accept.passkey')}</List.Item>
              </List>
              <Button size="md" onClick={() => void accept()} loading={busy}>
                {t('accept.accept')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
