import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../../../shared/useMe';
import { FirstWorkspace } from '../../workspaces';
import { t, tRich } from '../../../shared/i18n';

/** Where people without admin permissions land: who they are and how to sign in next time. */
export function HomePage() {
  const me = useMe().data!;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('home.welcome', { name: me.user.name })}
      </Title>
      <Card withBorder>
        <Text>{tRich('home.signedInAs', { org: <b>{me.organization.name}</b>, role: <b>{me.user.roleName}</b> })}</Text>
        <Text mt="sm" size="sm" c="dimmed">
          {tRich('home.nextTime', {
            email: me.user.email,
            link: (
              <Anchor component={Link} to="/account/security">
                {t('home.accountSecurity')}
              </Anchor>
            ),
          })}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('home.firstWorkspace')}
        </Title>
        <FirstWorkspace />
      </Card>
    </Stack>
  );
}
