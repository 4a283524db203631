import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../../../shared/useMe';
import { FirstWorkspace } from '../../workspaces';

/** Where people without admin permissions land: who they are and how to sign in next time. */
export function HomePage() {
  const me = useMe().data!;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        Welcome, {me.user.name}
      </Title>
      <Card withBorder>
        <Text>
          You are signed in to <b>{me.organization.name}</b> as <b>{me.user.roleName}</b>.
        </Text>
        <Text mt="sm" size="sm" c="dimmed">
          Next time, sign in with {me.user.email}: Sofie emails you a one-time link. Manage your passkeys in{' '}
          <Anchor component={Link} to="/account/security">
            Account security
          </Anchor>
          .
        </Text>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Where your first Workspace lives
        </Title>
        <FirstWorkspace />
      </Card>
    </Stack>
  );
}
