import { Card, Table, Text, Title } from '@mantine/core';
import { WORKSPACE_ROLE_LABELS } from '../../../../contracts/workspaces';
import type { fetchWorkspace } from '../api';
import { AccessPathBadges } from './AccessPathBadges';

/** Everyone who can open the Workspace, with the role that wins and the path that grants it. */
export function EffectiveAccessCard({ w }: { w: Awaited<ReturnType<typeof fetchWorkspace>> }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Effective access
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Everyone who can open this Workspace and the path that grants it; the highest role wins.{' '}
        {w.effectiveAccessTotal > w.effectiveAccess.length && `Showing ${w.effectiveAccess.length} of ${w.effectiveAccessTotal}.`}
      </Text>
      <Table aria-label="Effective access">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Access via</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.effectiveAccess.map((e) => (
            <Table.Tr key={e.user.id}>
              <Table.Td>
                {e.user.name}{' '}
                <Text span c="dimmed" size="sm">
                  {e.user.email}
                </Text>
              </Table.Td>
              <Table.Td>{WORKSPACE_ROLE_LABELS[e.role]}</Table.Td>
              <Table.Td>
                <AccessPathBadges paths={e.paths} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
