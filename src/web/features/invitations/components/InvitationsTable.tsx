import { Table } from '@mantine/core';
import type { Invitation } from '../../../../contracts/invitations';
import { InvitationRow } from './InvitationRow';

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
      <Table verticalSpacing="sm" highlightOnHover aria-label="Invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Group</Table.Th>
            <Table.Th>Invited by</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Status</Table.Th>
            {mayInvite && <Table.Th ta="right">Actions</Table.Th>}
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
