import { Table } from '@mantine/core';
import type { Invitation } from '../../../../contracts/invitations';
import { InvitationRow } from './InvitationRow';
import { t } from '../../../shared/i18n';

export function InvitationsTable({
  items,
  mayInvite,
  onResend,
  onRevoke,
}: {
  items: Invitation[];
  mayInvite: boolean;
  onResend: (inv: Invitation) => void;
  onRevoke: (inv: Invitation) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('invitations.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invitations.column.email')}</Table.Th>
            <Table.Th>{t('invitations.column.role')}</Table.Th>
            <Table.Th>{t('invitations.column.group')}</Table.Th>
            <Table.Th>{t('invitations.column.invitedBy')}</Table.Th>
            <Table.Th>{t('invitations.column.sent')}</Table.Th>
            <Table.Th>{t('invitations.column.expires')}</Table.Th>
            <Table.Th>{t('invitations.column.status')}</Table.Th>
            {mayInvite && <Table.Th ta="right">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((inv) => (
            <InvitationRow key={inv.id} inv={inv} mayInvite={mayInvite} onResend={onResend} onRevoke={onRevoke} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
