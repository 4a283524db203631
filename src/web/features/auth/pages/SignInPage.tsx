import { Alert, Anchor, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { SSO_ERRORS } from '../../../../contracts/errors';
import { errorMessage } from '../../../shared/api';
import { ContinueWithPasskey } from '../../account';
import { useEmailFirstSignIn } from '../hooks/useEmailFirstSignIn';
import { t, tOr, tRich } from '../../../shared/i18n';

function ssoErrorText(code: string | null): string | null {
  if (!code) return null;
  return code in SSO_ERRORS ? tOr(`ssoError.${code}`, SSO_ERRORS[code as keyof typeof SSO_ERRORS].message) : t('signIn.ssoIncomplete');
}

function MagicLinkStep({ flow }: { flow: ReturnType<typeof useEmailFirstSignIn> }) {
  const { route, send, email } = flow;
  if (!email) return null;
  if (send.isSuccess)
    return (
      <Alert color="green" icon={<IconMailCheck />} title={t('signIn.checkEmail')}>
        {send.data.message}
      </Alert>
    );
  return (
    <Stack>
      <Text size="sm">
        {tRich('signIn.signingInAs', { email: <b>{email}</b> })}{' '}
        <Anchor component="button" type="button" size="sm" onClick={flow.reset}>
          {t('signIn.change')}
        </Anchor>
      </Text>
      {route.data?.magicLinkAllowed === false && (
        <Alert color="yellow" title={t('signIn.magicLinksDisabled')}>
          {t('signIn.magicLinksDisabledText')}
        </Alert>
      )}
      {send.isError && <Alert color="red">{errorMessage(send.error)}</Alert>}
      <Button onClick={() => send.mutate(email)} loading={send.isPending} fullWidth variant={route.data?.magicLinkAllowed === false ? 'default' : 'filled'}>
        {t('signIn.emailMe')}
      </Button>
    </Stack>
  );
}

export function SignInPage() {
  const [params] = useSearchParams();
  const breakGlass = params.get('break-glass') === '1';
  const flow = useEmailFirstSignIn({ breakGlass });
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('signIn.emailInvalid')) },
  });
  const ssoError = ssoErrorText(params.get('sso_error'));

  return (
    <Center component="main" mih="100vh" bg="var(--sofie-color-canvas)" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={420} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('signIn.intro')}
            </Text>
          </div>
          {params.get('expired') && <Alert color="yellow">{t('signIn.expired')}</Alert>}
          {ssoError && (
            <Alert color="red" title={t('signIn.ssoFailed')}>
              {ssoError}
            </Alert>
          )}
          {flow.email ? (
            <MagicLinkStep flow={flow} />
          ) : (
            <form onSubmit={form.onSubmit((v) => flow.route.mutate(v.email.trim()))}>
              <Stack>
                <TextInput
                  label={t('signIn.workEmail')}
                  type="email"
                  autoComplete="username webauthn"
                  placeholder={t('signIn.emailPlaceholder')}
                  {...form.getInputProps('email')}
                />
                {flow.route.isError && <Alert color="red">{errorMessage(flow.route.error)}</Alert>}
                {flow.route.data?.method === 'sso' && <Text size="sm">{t('signIn.continuingTo', { name: flow.route.data.connectionName ?? '' })}</Text>}
                <Group grow>
                  <Button type="submit" loading={flow.route.isPending || flow.route.data?.method === 'sso'}>
                    {t('signIn.continue')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          <ContinueWithPasskey next={params.get('next')} />
          {breakGlass && (
            <Alert color="yellow" title={t('signIn.breakGlass')}>
              {t('signIn.breakGlassText')}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {tRich('signIn.idpDown', {
              link: (
                <Anchor component={Link} to="/sign-in?break-glass=1" size="xs">
                  {t('signIn.breakGlassLink')}
                </Anchor>
              ),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {tRich('signIn.noMailServer', {
              link: (
                <Anchor component={Link} to="/mailbox" size="xs">
                  {t('signIn.mailbox')}
                </Anchor>
              ),
            })}
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
