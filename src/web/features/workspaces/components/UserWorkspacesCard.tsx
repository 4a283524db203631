import { Anchor, Badge, Card, Loader, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { workspaceRoleLabel, workspaceTypeLabel } from '../labels';
import { fetchUserWorkspaces } from '../api';
import { AccessPathBadges } from './AccessPathBadges';
import { t } from '../../../shared/i18n';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePages } from '../../../shared/usePages';

/** For the user detail page: the user's Workspaces, direct and via group, and which path grants each. */
export function UserWorkspacesCard({ userId }: { userId: string }) {
  const workspaces = usePages(['user-workspaces', userId], (cursor) => fetchUserWorkspaces(userId, cursor));
  return (
    <Card withBorder id="workspaces">
      <Title order={2} size="h4" mb="sm">
        {t('workspaces.user.title')}
      </Title>
      {workspaces.isLoading ? (
        <Loader size="sm" />
      ) : !workspaces.data?.items.length ? (
        <Text c="dimmed">{t('workspaces.user.none')}</Text>
      ) : (
        <Table aria-label={t('workspaces.user.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('workspaces.user.column.workspace')}</Table.Th>
              <Table.Th>{t('workspaces.user.column.type')}</Table.Th>
              <Table.Th>{t('workspaces.user.column.role')}</Table.Th>
              <Table.Th>{t('workspaces.user.column.via')}</Table.Th>
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
                      {t('workspaces.user.owner')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{workspaceTypeLabel(w.workspace.type)}</Table.Td>
                <Table.Td>{workspaceRoleLabel(w.role)}</Table.Td>
                <Table.Td>
                  <AccessPathBadges paths={w.paths} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore {...workspaces.more} />
    </Card>
  );
}
