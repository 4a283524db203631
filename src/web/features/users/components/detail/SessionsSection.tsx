import { Button, Group, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useCan } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { signOutEverywhere } from '../../detail-api';
import { DetailSection } from './DetailSection';
import { formatDateTime, fromNow, plural } from '../../../../shared/format';
import { When } from '../../../../shared/When';
import { Fact } from './InvitationSection';
import { ConfirmWithReasonModal } from '../../../../shared/reason/ConfirmWithReasonModal';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';

export function SessionsSection({ user }: SectionProps) {
  const can = useCan();
  const [opened, setOpened] = useState(false);
  const count = user.sessions.length;
  return (
    <DetailSection
      id="sessions"
      title="Sign-in"
      actions={
        can('users.manage_sessions') && (
          <Button variant="light" color="red" leftSection={<IconLogout size={16} />} onClick={() => setOpened(true)} disabled={count === 0}>
            Sign out everywhere
          </Button>
        )
      }
    >
      <Group gap="xl">
        <Fact label="Last sign-in">{user.lastSignInAt ? `${formatDateTime(user.lastSignInAt)} (${fromNow(user.lastSignInAt)})` : 'Never signed in'}</Fact>
        <Fact label="Active sessions">{count}</Fact>
      </Group>
      {count > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label="Active sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td title={s.userAgent ?? undefined}>{s.device}</Table.Td>
                  <Table.Td>{s.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <When iso={s.createdAt} absolute="time" />
                  </Table.Td>
                  <Table.Td>
                    <When iso={s.lastSeenAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {opened && <SignOutModal user={user} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function SignOutModal({ user, onClose }: { user: SectionProps['user']; onClose: () => void }) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  const count = user.sessions.length;
  return (
    <ConfirmWithReasonModal
      title="Sign out everywhere?"
      confirmLabel="Sign out everywhere"
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        const { revoked } = await signOutEverywhere(user.id, reason);
        updated(null, user.id);
        notifications.show({ color: 'green', message: `${user.name || user.email} was signed out of ${plural(revoked, 'session', 'sessions')}.` });
      }}
    >
      This ends all {plural(count, 'active session', 'active sessions')} of {user.name || user.email}. They can sign in again with a new link
      {user.status === 'active' ? '' : ' once their account allows it'}.
    </ConfirmWithReasonModal>
  );
}
