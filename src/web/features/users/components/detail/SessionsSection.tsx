import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../organization/api';
import { signOutEverywhere } from '../../detail-api';
import { ChangeError } from './ChangeError';
import { DetailSection } from './DetailSection';
import { formatDateTime, fromNow } from './format';
import { Fact } from './InvitationSection';
import { REASON_MISSING, ReasonField, reasonMissing } from '../../../../shared/reason/ReasonField';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';

export function SessionsSection({ user, reload }: SectionProps) {
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
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>{fromNow(s.lastSeenAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {opened && <SignOutModal user={user} reload={reload} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function SignOutModal({ user, reload, onClose }: { user: SectionProps['user']; reload: SectionProps['reload']; onClose: () => void }) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => signOutEverywhere(user.id, reason.trim() || undefined),
    onSuccess: (data) => {
      updated(null, user.id);
      notifications.show({ color: 'green', message: `${user.name || user.email} was signed out of ${data.revoked} session${data.revoked === 1 ? '' : 's'}.` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Sign out everywhere?">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reasonMissing(reasonRequired, reason)) return setReasonError(REASON_MISSING);
          mutation.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            This ends all {user.sessions.length} active session{user.sessions.length === 1 ? '' : 's'} of {user.name || user.email}. They can sign in again with a new link
            {user.status === 'active' ? '' : ' once their account allows it'}.
          </Text>
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={mutation.error} onReload={() => void reload()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color="red.9" loading={mutation.isPending}>Sign out everywhere</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
