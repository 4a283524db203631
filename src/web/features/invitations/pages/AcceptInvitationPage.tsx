import { Alert, Button, Center, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage, type ApiErrorCode } from '../../../shared/api';
import { acceptInvitation } from '../api';

const TITLES: Partial<Record<ApiErrorCode, string>> = {
  INVITATION_EXPIRED: 'Invitation expired',
  INVITATION_REVOKED: 'Invitation withdrawn',
  INVITATION_ACCEPTED: 'Already accepted',
  INVITATION_INVALID: 'Link not valid',
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
          message: 'This invitation link is incomplete. Open the link from your email again, or ask your administrator for a new one.',
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
            You’re invited to Sofie
          </Title>
          {error ? (
            <>
              <Alert
                color={error.code === 'INVITATION_ACCEPTED' ? 'blue' : 'red'}
                title={(error.code !== 'ERROR' && TITLES[error.code]) || 'Could not accept the invitation'}
              >
                {error.message}
              </Alert>
              <Button component={Link} to="/sign-in" variant={error.code === 'INVITATION_ACCEPTED' ? 'filled' : 'default'}>
                Go to sign-in
              </Button>
            </>
          ) : (
            <>
              <Text>Accepting activates your account and signs you in. Afterwards:</Text>
              <List size="sm" spacing={4}>
                <List.Item>you sign in with your email address and a one-time link;</List.Item>
                <List.Item>you can add a passkey in Account security for faster sign-in.</List.Item>
              </List>
              <Button size="md" onClick={() => void accept()} loading={busy}>
                Accept invitation
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
