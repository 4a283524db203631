import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CONTENT_TYPE_LABELS } from '../../../../../contracts/ownership';
import { fetchOwnershipItems } from '../../api';

/** The items owned by others that the user collaborates on. */
export function CollaboratingList({ userId }: { userId: string }) {
  const items = useQuery({ queryKey: ['collaborating', userId], queryFn: () => fetchOwnershipItems(userId, { relation: 'collaborating', limit: 20 }) });
  if (!items.data?.items.length) return null;
  return (
    <Table aria-label="Collaborator seats">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Their role</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.data.items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.title}</Table.Td>
            <Table.Td>{CONTENT_TYPE_LABELS[i.type]}</Table.Td>
            <Table.Td>{i.owner?.name ?? 'Organization'}</Table.Td>
            <Table.Td>{i.collaboratorRole}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
