import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchOwnershipItems } from '../../api';
import { t } from '../../../../shared/i18n';

/** The items owned by others that the user collaborates on. */
export function CollaboratingList({ userId }: { userId: string }) {
  const items = useQuery({ queryKey: ['collaborating', userId], queryFn: () => fetchOwnershipItems(userId, { relation: 'collaborating', limit: 20 }) });
  if (!items.data?.items.length) return null;
  return (
    <Table aria-label={t('deletion.seats.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('deletion.items.item')}</Table.Th>
          <Table.Th>{t('deletion.ownership.type')}</Table.Th>
          <Table.Th>{t('deletion.seats.owner')}</Table.Th>
          <Table.Th>{t('deletion.seats.theirRole')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.data.items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.title}</Table.Td>
            <Table.Td>{t(`content.type.${i.type}`)}</Table.Td>
            <Table.Td>{i.owner?.name ?? t('deletion.seats.organization')}</Table.Td>
            <Table.Td>{i.collaboratorRole}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
