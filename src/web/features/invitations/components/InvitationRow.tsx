import { Anchor, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconSend, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Invitation } from '../../../../contracts/invitations';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { formatDateTime, fromNow } from '../../../shared/format';
import { t } from '../../../shared/i18n';

/** One invitation: who, what access, how often sent, when it expires, and (for those who may invite) resend and revoke while it is open. */
export function InvitationRow({
  inv,
  mayInvite,
  onResend,
  onRevoke,
}: {
  inv: Invitation;
  mayInvite: boolean;
  onResend: (inv: Invitation) => void;
  onRevoke: (inv: Invitation) => void;
}) {
  const open = inv.status === 'pending' || inv.status === 'expired';
  return (
    <Table.Tr data-testid="invitation-row">
      <Table.Td>
        <Anchor component={Link} to={`/admin/users/${inv.userId}`} size="sm">
          {inv.email}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{inv.role.name}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={inv.group ? undefined : 'dimmed'}>
          {inv.group?.name ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{inv.invitedBy?.name ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={t('invitations.firstSent', { when: formatDateTime(inv.createdAt) })}>
          <Text size="sm" span>
            {inv.sentCount === 1 ? t('invitations.sentOnce') : t('invitations.sentTimes', { count: inv.sentCount })}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(inv.expiresAt)}>
          <Text size="sm" span c={inv.status === 'expired' ? 'orange' : undefined}>
            <Expiry inv={inv} />
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={inv.status} />
      </Table.Td>
      {mayInvite && (
        <Table.Td>
          {open && (
            <Group gap={6} justify="flex-end" wrap="nowrap">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconSend size={14} />}
                onClick={() => onResend(inv)}
                aria-label={t('invitations.resendLabel', { email: inv.email })}
              >
                {t('invitations.resend')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconX size={14} />}
                onClick={() => onRevoke(inv)}
                aria-label={t('invitations.revokeLabel', { email: inv.email })}
              >
                {t('invitations.revoke')}
              </Button>
            </Group>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** When the link expires ("in 7 days"), when it was accepted, or nothing for a revoked one. */
function Expiry({ inv }: { inv: Invitation }) {
  if (inv.status === 'accepted') return t('invitations.acceptedWhen', { when: fromNow(inv.acceptedAt) });
  if (inv.status === 'revoked') return '—';
  return <time dateTime={inv.expiresAt}>{fromNow(inv.expiresAt)}</time>;
}
