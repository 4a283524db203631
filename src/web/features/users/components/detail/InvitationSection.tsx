import { StatusBadge } from '../StatusBadge';
import { Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useCan } from '../../../../shared/useMe';
import { useReasonRequired } from '../../../organization/api';
import { resendInvitation } from '../../detail-api';
import { ChangeError } from './ChangeError';
import { DetailSection } from './DetailSection';
import { formatDateTime, fromNow } from './format';
import { REASON_MISSING, ReasonField, reasonMissing } from '../../../../shared/reason/ReasonField';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

export function InvitationSection({ user, reload, openRequest }: SectionProps) {
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
      actions={canResend && <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setOpened(true)}>Resend invitation</Button>}
    >
      {!user.invitedAt && !invitation ? (
        <Text size="sm" c="gray.7">This user was not invited through Sofie (for example the first administrator).</Text>
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
      {opened && invitation && <ResendModal user={user} invitationId={invitation.id} reload={reload} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function ResendModal({ user, invitationId, reload, onClose }: { user: SectionProps['user']; invitationId: string; reload: SectionProps['reload']; onClose: () => void }) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => resendInvitation(invitationId, reason.trim() || undefined),
    onSuccess: () => {
      updated(null, user.id);
      notifications.show({ color: 'green', message: `A new invitation link was sent to ${user.email}. The old link no longer works.` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Resend invitation">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reasonMissing(reasonRequired, reason)) return setReasonError(REASON_MISSING);
          mutation.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{user.email} gets a new link; the old one stops working and the expiry starts again.</Text>
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={mutation.error} onReload={() => void reload()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color="indigo.7" loading={mutation.isPending}>Resend invitation</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
