import { StatusBadge } from '../../../../shared/ui/StatusBadge';
import { Button, SimpleGrid, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useCan } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { resendInvitation } from '../../detail-api';
import { DetailSection } from './DetailSection';
import { formatDateTime, fromNow } from '../../../../shared/format';
import { ConfirmWithReasonModal } from '../../../../shared/reason/ConfirmWithReasonModal';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';
import { t } from '../../../../shared/i18n';

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export function InvitationSection({ user, openRequest }: SectionProps) {
  const can = useCan();
  const invitation = user.pendingInvitation;
  const canResend = can('users.invite') && user.status === 'invited' && invitation && ['pending', 'expired'].includes(invitation.status);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (openRequest && canResend) setOpened(true);
  }, [openRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  const expiry = invitation
    ? invitation.status === 'expired'
      ? t('user.invitation.expired', { relative: fromNow(invitation.expiresAt), date: formatDateTime(invitation.expiresAt) })
      : invitation.status === 'pending'
        ? t('user.invitation.expires', { date: formatDateTime(invitation.expiresAt), relative: fromNow(invitation.expiresAt) })
        : '—'
    : '—';

  return (
    <DetailSection
      id="invitation"
      title={t('user.invitation.title')}
      actions={
        canResend && (
          <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setOpened(true)}>
            {t('user.invitation.resend')}
          </Button>
        )
      }
    >
      {!user.invitedAt && !invitation ? (
        <Text size="sm" c="dimmed">
          {t('user.invitation.notInvited')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Fact label={t('user.invitation.invitedBy')}>{user.invitedBy?.name ?? '—'}</Fact>
          <Fact label={t('user.invitation.invited')}>{formatDateTime(user.invitedAt)}</Fact>
          <Fact label={t('user.invitation.status')}>
            {invitation ? (
              <StatusBadge status={invitation.status} />
            ) : user.status === 'invited' ? (
              t('user.invitation.noneFound')
            ) : (
              t('user.invitation.nonePending')
            )}
          </Fact>
          {invitation && ['pending', 'expired'].includes(invitation.status) && <Fact label={t('user.invitation.linkExpires')}>{expiry}</Fact>}
        </SimpleGrid>
      )}
      {opened && invitation && <ResendModal user={user} invitationId={invitation.id} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function ResendModal({ user, invitationId, onClose }: { user: SectionProps['user']; invitationId: string; onClose: () => void }) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  return (
    <ConfirmWithReasonModal
      title={t('user.invitation.resend')}
      confirmLabel={t('user.invitation.resend')}
      color="indigo.7"
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        await resendInvitation(invitationId, reason);
        updated(null, user.id);
        notifications.show({ color: 'green', message: t('user.invitation.resent', { email: user.email }) });
      }}
    >
      {t('user.invitation.resendHint', { email: user.email })}
    </ConfirmWithReasonModal>
  );
}
