import { Alert, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { verifyMagicLink } from '../api';
import { t } from '../../../shared/i18n';

/**
 * The emailed link opens this page, which spends the token with a POST: mail scanners that
 * prefetch links with GET cannot use it up.
 */
export function VerifyPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = params.get('token');
    if (!token) {
      setError(t('verify.incomplete'));
      return;
    }
    verifyMagicLink(token)
      .then(async (result) => {
        await queryClient.invalidateQueries({ queryKey: ['me'] });
        void navigate(result.redirectTo, { replace: true });
      })
      .catch((e) => setError(errorMessage(e)));
  }, [params, navigate, queryClient]);

  return (
    <Center component="main" mih="100vh" bg="var(--sofie-color-canvas)">
      <Paper withBorder p="xl" radius="lg" w={420} maw="100%">
        <Title order={1} size="h3" mb="md">
          {t('signIn.title')}
        </Title>
        {error ? (
          <Stack>
            <Alert color="red" title={t('verify.failed')}>
              {error}
            </Alert>
            <Button component={Link} to="/sign-in">
              {t('verify.newLink')}
            </Button>
          </Stack>
        ) : (
          <Stack align="center">
            <Loader />
            <Text>{t('verify.signingIn')}</Text>
          </Stack>
        )}
      </Paper>
    </Center>
  );
}
