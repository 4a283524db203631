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
      ? `Expired ${fromNow(invitation.expiresAt)} (${formatDateTime(invitation.expiresAt)})`
      : invitation.status === 'pending'
        ? `${formatDateTime(invitation.expiresAt)} (${fromNow(invitation.expiresAt)})`
        : '—'
    : '—';

  return (
    <DetailSection
      id="invitation"
      title="Invitation"
      actions={
        canResend && (
          <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setOpened(true)}>
            Resend invitation
          </Button>
        )
      }
    >
      {!user.invitedAt && !invitation ? (
        <Text size="sm" c="dimmed">
          This user was not invited through Sofie (for example the first administrator).
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Fact label="Invited by">{user.invitedBy?.name ?? '—'}</Fact>
          <Fact label="Invited">{formatDateTime(user.invitedAt)}</Fact>
          <Fact label="Invitation status">
            {invitation ? <StatusBadge status={invitation.status} /> : user.status === 'invited' ? 'No invitation found' : 'No pending invitation'}
          </Fact>
          {invitation && ['pending', 'expired'].includes(invitation.status) && <Fact label="Link expires">{expiry}</Fact>}
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
      title="Resend invitation"
      confirmLabel="Resend invitation"
      color="indigo.7"
      reasonRequired={reasonRequired}
      onClose={onClose}
      onConfirm={async (reason) => {
        await resendInvitation(invitationId, reason);
        updated(null, user.id);
        notifications.show({ color: 'green', message: `A new invitation link was sent to ${user.email}. The old link no longer works.` });
      }}
    >
      {user.email} gets a new link; the old one stops working and the expiry starts again.
    </ConfirmWithReasonModal>
  );
}
