import { Alert, Button, Card, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { GroupDetail } from '../../../../contracts/groups';
import { useCan } from '../../../shared/useMe';
import { createGroup, fetchGroupsPage, groupKeys } from '../api';
import { GroupFormModal } from '../components/GroupFormModal';
import { GROUPS_VS_ROLES } from '../components/GroupHint';
import { GroupRow } from '../components/GroupRow';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';

/** /admin/groups — "Manage Groups": the groups by name, 50 a page with "Load more", with member counts and hints against sprawl. */
export function GroupsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const groups = usePagedList(groupKeys.list, fetchGroupsPage);
  const [creating, setCreating] = useState(false);

  if (forbiddenPermission(groups.error)) return <LoadFailure error={groups.error} title={t('groups.loadFailed')} />;

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('groups.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('groups.intro')}
          </Text>
        </div>
        {can('groups.manage') && (
          <Button color="indigo.7" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('groups.new')}
          </Button>
        )}
      </Group>
      <Alert variant="light" color="indigo" icon={<IconInfoCircle size={18} />}>
        {GROUPS_VS_ROLES}
        {t('groups.noPermission')}
      </Alert>
      <Card withBorder padding={0}>
        {groups.isLoading ? (
          <Center h={160}>
            <Loader aria-label={t('groups.loading')} />
          </Center>
        ) : groups.error ? (
          <LoadFailure error={groups.error} title={t('groups.loadFailed')} onRetry={() => void groups.refetch()} />
        ) : groups.items.length === 0 ? (
          <Text c="dimmed" p="lg">
            {t('groups.empty')}
            {can('groups.manage') ? t('groups.emptyCreate') : ''}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t('groups.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('groups.column.name')}</Table.Th>
                  <Table.Th>{t('groups.column.description')}</Table.Th>
                  <Table.Th ta="right">{t('groups.column.members')}</Table.Th>
                  <Table.Th>{t('groups.column.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.items.map((g, index) => (
                  <GroupRow key={g.id} group={g} index={index} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <LoadMore {...groups.more} />
      {creating && (
        <GroupFormModal
          title={t('groups.new')}
          submitLabel={t('groups.create')}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const group: GroupDetail = await createGroup({ name: v.name, description: v.description, reason: v.reason });
            await queryClient.invalidateQueries({ queryKey: groupKeys.all });
            notifications.show({ color: 'green', message: t('groups.created', { name: group.name }) });
            void navigate(`/admin/groups/${group.id}`);
          }}
        />
      )}
    </Stack>
  );
}
