import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import type { useAccountSecurity } from '../../hooks/useAccountSecurity';
import { when } from './when';
import { ActionsHeader } from '../../../../shared/ui/ActionsHeader';
import { t } from '../../../../shared/i18n';

type Actions = ReturnType<typeof useAccountSecurity>;

function idleText(minutes: number | null): string {
  if (!minutes) return t('sessions.idleOff');
  return minutes % 60 === 0 ? t('sessions.idleHours', { hours: minutes / 60 }) : t('sessions.idleMinutes', { minutes });
}

/** The user's own sessions: sign out one, or every other. */
export function SessionsCard({ data, revoke, revokeOthers }: { data: AccountSecurity; revoke: Actions['revoke']; revokeOthers: Actions['revokeOthers'] }) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">
            {t('sessions.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {idleText(data.idleLogoutMinutes)}
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconLogout size={16} />}
          onClick={() => revokeOthers.mutate()}
          loading={revokeOthers.isPending}
          disabled={data.sessions.length < 2}
        >
          {t('sessions.signOutOthers')}
        </Button>
      </Group>
      <Table aria-label={t('sessions.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.device')}</Table.Th>
            <Table.Th>{t('sessions.ip')}</Table.Th>
            <Table.Th>{t('sessions.signedIn')}</Table.Th>
            <Table.Th>{t('sessions.lastSeen')}</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                {s.device}{' '}
                {s.current && (
                  <SoftBadge size="sm" ml={4} color="indigo">
                    {t('sessions.thisDevice')}
                  </SoftBadge>
                )}
              </Table.Td>
              <Table.Td>{s.ip ?? '—'}</Table.Td>
              <Table.Td>{t(s.method === 'passkey' ? 'sessions.byPasskey' : 'sessions.byEmail', { when: when(s.createdAt) })}</Table.Td>
              <Table.Td>{when(s.lastSeenAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => revoke.mutate(s.id)}
                  aria-label={t(s.current ? 'sessions.signOutThisLabel' : 'sessions.signOutLabel', { device: s.device })}
                >
                  {t('sessions.signOut')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
