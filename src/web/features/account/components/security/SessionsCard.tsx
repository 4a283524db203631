import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { AccountSecurity } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import type { useAccountSecurity } from '../../hooks/useAccountSecurity';
import { when } from './when';
import { ActionsHeader } from '../../../../shared/ui/ActionsHeader';

type Actions = ReturnType<typeof useAccountSecurity>;

function idleText(minutes: number | null): string {
  if (!minutes) return 'Idle auto logout is off for your role.';
  return minutes % 60 === 0 ? `You are signed out after ${minutes / 60} h without activity.` : `You are signed out after ${minutes} minutes without activity.`;
}

/** The user's own sessions: sign out one, or every other. */
export function SessionsCard({ data, revoke, revokeOthers }: { data: AccountSecurity; revoke: Actions['revoke']; revokeOthers: Actions['revokeOthers'] }) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">
            Your sessions
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
          Sign out other sessions
        </Button>
      </Group>
      <Table aria-label="Your sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Signed in</Table.Th>
            <Table.Th>Last seen</Table.Th>
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
                    This device
                  </SoftBadge>
                )}
              </Table.Td>
              <Table.Td>{s.ip ?? '—'}</Table.Td>
              <Table.Td>
                {when(s.createdAt)} · {s.method === 'passkey' ? 'passkey' : 'email link'}
              </Table.Td>
              <Table.Td>{when(s.lastSeenAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => revoke.mutate(s.id)}
                  aria-label={`Sign out ${s.device}${s.current ? ' (this device)' : ''}`}
                >
                  Sign out
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
