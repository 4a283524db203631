import { Anchor, Badge, Card, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { WORKSPACE_ROLE_LABELS, WORKSPACE_TYPE_LABELS } from '../../../../contracts/workspaces';
import { fetchUserWorkspaces } from '../api';
import { AccessPathBadges } from './AccessPathBadges';

/** For the user detail page: the user's Workspaces, direct and via group, and which path grants each. */
export function UserWorkspacesCard({ userId }: { userId: string }) {
  const workspaces = useQuery({ queryKey: ['user-workspaces', userId], queryFn: () => fetchUserWorkspaces(userId) });
  return (
    <Card withBorder id="workspaces">
      <Title order={2} size="h4" mb="sm">
        Workspaces
      </Title>
      {workspaces.isLoading ? (
        <Loader size="sm" />
      ) : !workspaces.data?.items.length ? (
        <Text c="dimmed">Not a member of any Workspace.</Text>
      ) : (
        <Table aria-label="User Workspaces">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Workspace</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Access via</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {workspaces.data.items.map((w) => (
              <Table.Tr key={w.workspace.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/admin/workspaces/${w.workspace.id}`}>
                    {w.workspace.name}
                  </Anchor>{' '}
                  {w.owned && (
                    <Badge size="xs" variant="outline">
                      Owner
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{WORKSPACE_TYPE_LABELS[w.workspace.type]}</Table.Td>
                <Table.Td>{WORKSPACE_ROLE_LABELS[w.role]}</Table.Td>
                <Table.Td>
                  <AccessPathBadges paths={w.paths} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
