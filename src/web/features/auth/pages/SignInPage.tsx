import { Alert, Anchor, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { SSO_ERRORS } from '../../../../contracts/errors';
import { errorMessage } from '../../../shared/api';
import { ContinueWithPasskey } from '../../account';
import { useEmailFirstSignIn } from '../hooks/useEmailFirstSignIn';

function ssoErrorText(code: string | null): string | null {
  if (!code) return null;
  return code in SSO_ERRORS ? SSO_ERRORS[code as keyof typeof SSO_ERRORS].message : 'Single sign-on did not complete. Try again.';
}

function MagicLinkStep({ flow }: { flow: ReturnType<typeof useEmailFirstSignIn> }) {
  const { route, send, email } = flow;
  if (!email) return null;
  if (send.isSuccess)
    return (
      <Alert color="green" icon={<IconMailCheck />} title="Check your email">
        {send.data.message}
      </Alert>
    );
  return (
    <Stack>
      <Text size="sm">
        Signing in as <b>{email}</b>{' '}
        <Anchor component="button" type="button" size="sm" onClick={flow.reset}>
          (change)
        </Anchor>
      </Text>
      {route.data?.magicLinkAllowed === false && (
        <Alert color="yellow" title="Magic links are disabled">
          Your organization signs in through single sign-on. Use your passkey; break-glass administrators can still ask for a link.
        </Alert>
      )}
      {send.isError && <Alert color="red">{errorMessage(send.error)}</Alert>}
      <Button onClick={() => send.mutate(email)} loading={send.isPending} fullWidth variant={route.data?.magicLinkAllowed === false ? 'default' : 'filled'}>
        Email me a sign-in link
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
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your work email address') },
  });
  const ssoError = ssoErrorText(params.get('sso_error'));

  return (
    <Center component="main" mih="100vh" bg="var(--sofie-color-canvas)" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={420} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">
              Sign in to Sofie
            </Title>
            <Text c="dimmed" size="sm">
              Enter your work email: we send you to your organization’s single sign-on, or email you a one-time sign-in link.
            </Text>
          </div>
          {params.get('expired') && <Alert color="yellow">Your session has ended. Sign in again.</Alert>}
          {ssoError && (
            <Alert color="red" title="Single sign-on failed">
              {ssoError}
            </Alert>
          )}
          {flow.email ? (
            <MagicLinkStep flow={flow} />
          ) : (
            <form onSubmit={form.onSubmit((v) => flow.route.mutate(v.email.trim()))}>
              <Stack>
                <TextInput label="Work email" type="email" autoComplete="username webauthn" placeholder="you@company.com" {...form.getInputProps('email')} />
                {flow.route.isError && <Alert color="red">{errorMessage(flow.route.error)}</Alert>}
                {flow.route.data?.method === 'sso' && <Text size="sm">Continuing to {flow.route.data.connectionName}…</Text>}
                <Group grow>
                  <Button type="submit" loading={flow.route.isPending || flow.route.data?.method === 'sso'}>
                    Continue
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          <ContinueWithPasskey next={params.get('next')} />
          {breakGlass && (
            <Alert color="yellow" title="Break-glass sign-in">
              For named administrators when single sign-on is broken: the emailed link works only with your passkey.
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            Identity provider down?{' '}
            <Anchor component={Link} to="/sign-in?break-glass=1" size="xs">
              Break-glass sign-in for administrators
            </Anchor>
            .
          </Text>
          <Text size="xs" c="dimmed">
            Running without a mail server? Sign-in links land in the{' '}
            <Anchor component={Link} to="/mailbox" size="xs">
              local mailbox
            </Anchor>
            .
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
