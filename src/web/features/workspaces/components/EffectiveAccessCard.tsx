import { Card, Table, Text, Title } from '@mantine/core';
import { workspaceRoleLabel } from '../labels';
import type { fetchWorkspace } from '../api';
import { AccessPathBadges } from './AccessPathBadges';
import { t } from '../../../shared/i18n';

/** Everyone who can open the Workspace, with the role that wins and the path that grants it. */
export function EffectiveAccessCard({ w }: { w: Awaited<ReturnType<typeof fetchWorkspace>> }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('workspace.effective.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('workspace.effective.intro')}{' '}
        {w.effectiveAccessTotal > w.effectiveAccess.length &&
          t('workspace.effective.showing', { shown: w.effectiveAccess.length, total: w.effectiveAccessTotal })}
      </Text>
      <Table aria-label={t('workspace.effective.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workspace.effective.user')}</Table.Th>
            <Table.Th>{t('workspace.column.role')}</Table.Th>
            <Table.Th>{t('workspace.effective.via')}</Table.Th>
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
              <Table.Td>{workspaceRoleLabel(e.role)}</Table.Td>
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
