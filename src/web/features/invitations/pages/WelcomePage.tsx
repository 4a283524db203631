import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconFolders, IconKey, IconMail } from '@tabler/icons-react';
import { FirstWorkspace } from '../../workspaces';
import { Link } from 'react-router';
import { startPage } from '../../../shared/access/access';
import { useCan, useMe } from '../../../shared/useMe';
import { t, tRich } from '../../../shared/i18n';

/** Where someone lands after accepting an invitation: how to come back, and where their work will live. */
export function WelcomePage() {
  const me = useMe().data!;
  const can = useCan();
  const next = startPage(new Set(me.permissions)).to;
  return (
    <Stack gap="lg" maw={880}>
      <div>
        <Title order={1} size="h2">
          {t('welcome.title', { name: me.user.name || me.user.email })}
        </Title>
        <Text c="dimmed">{t('welcome.active', { org: me.organization.name, role: me.user.roleName })}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Group gap="sm" mb="sm">
            <ThemeIcon variant="light" size="lg">
              <IconMail size={20} />
            </ThemeIcon>
            <Title order={2} size="h4">
              {t('welcome.nextTime')}
            </Title>
          </Group>
          <Stack gap="xs">
            <Text size="sm">{tRich('welcome.howToSignIn', { email: <b>{me.user.email}</b> })}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconKey size={18} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm">
                {tRich('welcome.passkey', {
                  link: (
                    <Anchor component={Link} to="/account/security" inherit>
                      {t('home.accountSecurity')}
                    </Anchor>
                  ),
                })}
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
                {t('home.firstWorkspace')}
              </Title>
            </Group>
          </Group>
          <FirstWorkspace />
        </Card>
      </SimpleGrid>
      <Group>
        <Button component={Link} to={next} rightSection={<IconArrowRight size={16} />}>
          {can('users.view') ? t('welcome.continueAdmin') : t('welcome.continue')}
        </Button>
      </Group>
    </Stack>
  );
}
