import { Table, Text } from '@mantine/core';
import type { RoleImpact } from '../../../../contracts/roles';

/** The holders of the role with how many permissions each gains and loses. */
export function AffectedUsersTable({ users }: { users: RoleImpact['users'] }) {
  return (
    <Table aria-label="Affected users">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>User</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Gains</Table.Th>
          <Table.Th>Loses</Table.Th>
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
            <Table.Td>{u.status}</Table.Td>
            <Table.Td>{u.gained.length}</Table.Td>
            <Table.Td>{u.lost.length}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
