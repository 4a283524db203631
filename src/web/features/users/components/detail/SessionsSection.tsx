import { Button, Group, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useCan } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { signOutEverywhere } from '../../detail-api';
import { DetailSection } from './DetailSection';
import { formatDateTime, fromNow } from '../../../../shared/format';
import { When } from '../../../../shared/When';
import { Fact } from './InvitationSection';
import { ConfirmWithReasonModal } from '../../../../shared/reason/ConfirmWithReasonModal';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';
import { t } from '../../../../shared/i18n';

export function SessionsSection({ user }: SectionProps) {
  const can = useCan();
  const [opened, setOpened] = useState(false);
  const count = user.sessions.length;
  return (
    <DetailSection
      id="sessions"
      title={t('user.sessions.title')}
      actions={
        can('users.manage_sessions') && (
          <Button variant="light" color="red" leftSection={<IconLogout size={16} />} onClick={() => setOpened(true)} disabled={count === 0}>
            {t('user.sessions.signOutEverywhere')}
          </Button>
        )
      }
    >
      <Group gap="xl">
        <Fact label={t('user.sessions.lastSignIn')}>
          {user.lastSignInAt
            ? t('user.sessions.lastSignInAt', { date: formatDateTime(user.lastSignInAt), relative: fromNow(user.lastSignInAt) })
            : t('user.sessions.neverSignedIn')}
        </Fact>
        <Fact label={t('user.sessions.active')}>{count}</Fact>
      </Group>
      {count > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label={t('user.sessions.active')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('user.sessions.device')}</Table.Th>
                <Table.Th>{t('user.sessions.ip')}</Table.Th>
                <Table.Th>{t('user.sessions.signedIn')}</Table.Th>
                <Table.Th>{t('user.sessions.lastSeen')}</Table.Th>
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
      title={t('user.sessions.signOutTitle')}
      confirmLabel={t('user.sessions.signOutEverywhere')}
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        const { revoked } = await signOutEverywhere(user.id, reason);
        updated(null, user.id);
        notifications.show({ color: 'green', message: t('user.sessions.signedOut', { count: revoked, name: user.name || user.email }) });
      }}
    >
      {t(user.status === 'active' ? 'user.sessions.signOutHintActive' : 'user.sessions.signOutHintInactive', { count, name: user.name || user.email })}
    </ConfirmWithReasonModal>
  );
}
