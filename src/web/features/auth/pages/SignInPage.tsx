import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { ContinueWithPasskey } from '../../account';
import { requestMagicLink } from '../api';

export function SignInPage() {
  const [params] = useSearchParams();
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your work email address') },
  });
  const send = useMutation({ mutationFn: (email: string) => requestMagicLink(email) });

  return (
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={420} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">
              Sign in to Sofie
            </Title>
            <Text c="dimmed" size="sm">
              We email you a one-time sign-in link.
            </Text>
          </div>
          {params.get('expired') && <Alert color="yellow">Your session has ended. Sign in again.</Alert>}
          {send.isSuccess ? (
            <Alert color="green" icon={<IconMailCheck />} title="Check your email">
              {send.data.message}
            </Alert>
          ) : (
            <form onSubmit={form.onSubmit((v) => send.mutate(v.email.trim()))}>
              <Stack>
                <TextInput label="Work email" type="email" autoComplete="username webauthn" placeholder="you@company.com" {...form.getInputProps('email')} />
                {send.isError && <Alert color="red">{errorMessage(send.error)}</Alert>}
                <Button type="submit" loading={send.isPending} fullWidth>
                  Email me a sign-in link
                </Button>
              </Stack>
            </form>
          )}
          <ContinueWithPasskey next={params.get('next')} />
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
