import { Badge, Card, Group, Loader, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchUsers } from '../api';
import { StatusBadge } from '../components/StatusBadge';

export function UsersPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const users = useQuery({ queryKey: ['users', debounced], queryFn: () => fetchUsers({ search: debounced || undefined }), placeholderData: keepPreviousData });
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Users</Title>
        {users.data && <Text c="dimmed">{users.data.total} users</Text>}
      </Group>
      <Card withBorder>
        <TextInput leftSection={<IconSearch size={16} />} placeholder="Search by name or email" aria-label="Search users" value={search} onChange={(e) => setSearch(e.currentTarget.value)} mb="md" />
        {users.isLoading ? (
          <Loader />
        ) : (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Groups</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.role.name}</Table.Td>
                  <Table.Td>{u.groups.map((g) => <Badge key={g.id} variant="outline" mr={4}>{g.name}</Badge>)}</Table.Td>
                  <Table.Td><StatusBadge status={u.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
