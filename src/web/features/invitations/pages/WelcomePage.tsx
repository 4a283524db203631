import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconFolders, IconKey, IconMail } from '@tabler/icons-react';
import { FirstWorkspace } from '../../workspaces';
import { Link } from 'react-router';
import { startPage } from '../../../shared/access/access';
import { useCan, useMe } from '../../../shared/useMe';

/** Where someone lands after accepting an invitation: how to come back, and where their work will live. */
export function WelcomePage() {
  const me = useMe().data!;
  const can = useCan();
  const next = startPage(new Set(me.permissions)).to;
  return (
    <Stack gap="lg" maw={880}>
      <div>
        <Title order={1} size="h2">
          Welcome to Sofie, {me.user.name || me.user.email}
        </Title>
        <Text c="dimmed">
          Your account in {me.organization.name} is active. You joined as {me.user.roleName}.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Group gap="sm" mb="sm">
            <ThemeIcon variant="light" size="lg">
              <IconMail size={20} />
            </ThemeIcon>
            <Title order={2} size="h4">
              How to sign in next time
            </Title>
          </Group>
          <Stack gap="xs">
            <Text size="sm">
              Go to the sign-in page and enter <b>{me.user.email}</b>. Sofie emails you a one-time sign-in link; open it on the same device.
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconKey size={18} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm">
                Faster and phishing-resistant: add a passkey (your device’s fingerprint, face or PIN) in{' '}
                <Anchor component={Link} to="/account/security" inherit>
                  Account security
                </Anchor>
                .
              </Text>
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Group gap="sm" mb="sm" justify="space-between">
            <Group gap="sm">
              <ThemeIcon variant="light" size="lg" color="gray">
                <IconFolders size={20} />
              </ThemeIcon>
              <Title order={2} size="h4">
                Where your first Workspace lives
              </Title>
            </Group>
          </Group>
          <FirstWorkspace />
        </Card>
      </SimpleGrid>
      <Group>
        <Button component={Link} to={next} rightSection={<IconArrowRight size={16} />}>
          {can('users.view') ? 'Continue to the admin area' : 'Continue'}
        </Button>
      </Group>
    </Stack>
  );
}
