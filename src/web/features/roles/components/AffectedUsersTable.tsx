import { Table, Text } from '@mantine/core';
import type { RoleImpact } from '../../../../contracts/roles';
import { t, tOr } from '../../../shared/i18n';
import { formatNumber } from '../../../shared/format';

/** The holders of the role with how many permissions each gains and loses. */
export function AffectedUsersTable({ users }: { users: RoleImpact['users'] }) {
  return (
    <Table aria-label={t('roleEditor.affected')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('roleEditor.affected.user')}</Table.Th>
          <Table.Th>{t('roleEditor.affected.status')}</Table.Th>
          <Table.Th>{t('roleEditor.affected.gains')}</Table.Th>
          <Table.Th>{t('roleEditor.affected.loses')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td>
              {u.name}{' '}
              <Text span c="dimmed" size="xs">
                {u.email}
              </Text>
            </Table.Td>
            <Table.Td>{tOr(`status.${u.status}`, u.status)}</Table.Td>
            <Table.Td>{formatNumber(u.gained.length)}</Table.Td>
            <Table.Td>{formatNumber(u.lost.length)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
