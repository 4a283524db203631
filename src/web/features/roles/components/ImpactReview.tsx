import { Alert, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RoleImpact } from '../../../../contracts/roles';

/** "Review impact": who gains or loses which permissions when the role is saved. */
export function ImpactReview({ impact, isNew }: { impact: RoleImpact; isNew: boolean }) {
  const changes = impact.gained.length + impact.lost.length;
  return (
    <Stack gap="md" data-testid="impact-review">
      <Title order={3}>Impact review</Title>
      {impact.problems.map((p) => (
        <Alert key={p.code} color="red" title="This change will be refused" icon={<IconAlertTriangle size={18} />}>
          {p.message}
        </Alert>
      ))}
      {impact.privilegedChange && (
        <Alert color="orange" title="Privileged change" icon={<IconAlertTriangle size={18} />}>
          This change touches privileged permissions (users, security, organization settings or integrations). Check that every holder needs it.
        </Alert>
      )}
      <Text>
        {isNew
          ? 'Nobody holds this new role yet: it affects people only once it is assigned.'
          : impact.userCount === 0
            ? 'Nobody holds this role: saving changes no one’s access.'
            : changes === 0
              ? `No permission changes for the ${impact.userCount} ${impact.userCount === 1 ? 'user' : 'users'} holding this role.`
              : `${impact.userCount} ${impact.userCount === 1 ? 'user' : 'users'} (${impact.activeUserCount} active) will gain ${impact.gained.length} and lose ${impact.lost.length} ${changes === 1 ? 'permission' : 'permissions'} on their next request.`}
      </Text>
      <Group align="flex-start" grow>
        <div>
          <Text fw={600} mb={4}>
            {isNew ? 'Permissions in this role' : 'Gained'}
          </Text>
          {impact.gained.length === 0 ? (
            <Text c="dimmed" size="sm">
              None
            </Text>
          ) : (
            <List size="sm" aria-label="Gained permissions">
              {impact.gained.map((p) => (
                <List.Item key={p.key}>
                  {p.label}{' '}
                  <Text span c="dimmed" size="xs">
                    ({p.category})
                  </Text>{' '}
                  {p.privileged && (
                    <Badge size="xs" color="orange" variant="light">
                      Privileged
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        {!isNew && (
          <div>
            <Text fw={600} mb={4}>
              Lost
            </Text>
            {impact.lost.length === 0 ? (
              <Text c="dimmed" size="sm">
                None
              </Text>
            ) : (
              <List size="sm" aria-label="Lost permissions">
                {impact.lost.map((p) => (
                  <List.Item key={p.key}>
                    {p.label}{' '}
                    <Text span c="dimmed" size="xs">
                      ({p.category})
                    </Text>{' '}
                    {p.privileged && (
                      <Badge size="xs" color="orange" variant="light">
                        Privileged
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
      </Group>
      {impact.users.length > 0 && changes > 0 && (
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
            {impact.users.map((u) => (
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
      )}
      {impact.truncated && (
        <Text size="sm" c="dimmed">
          Showing the first {impact.users.length} of {impact.userCount} users.
        </Text>
      )}
    </Stack>
  );
}
