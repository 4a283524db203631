import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { fetchGroup, groupKeys } from '../api';
import { GroupDetailHeader } from '../components/GroupDetailHeader';
import { GroupDialogs, type GroupDialog } from '../components/GroupDialogs';
import { GroupMembersCard } from '../components/GroupMembersCard';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

/** /admin/groups/:id — a group, its members, and the changes a group manager can make. */
export function GroupDetailPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const manage = can('groups.manage');
  const group = useQuery({ queryKey: groupKeys.detail(id), queryFn: () => fetchGroup(id) });
  const [dialog, setDialog] = useState<GroupDialog>(null);
  const [selected, setSelected] = useState<string[]>([]);

  if (group.isLoading)
    return (
      <Center h={300}>
        <Loader aria-label={t('group.loading')} />
      </Center>
    );
  if (forbiddenPermission(group.error)) return <LoadFailure error={group.error} title={t('group.loadFailed')} />;
  if (!group.data) {
    const back = (
      <Button component={Link} to="/admin/groups" variant="light" size="xs" mt="sm" display="block" w="fit-content">
        {t('group.back')}
      </Button>
    );
    if (group.error instanceof ApiError && group.error.status === 404)
      return (
        <Alert color="gray" title={t('group.notFound')}>
          {errorMessage(group.error)}
          {back}
        </Alert>
      );
    // Anything else may pass: Retry, and the request id to quote if it does not.
    return (
      <LoadFailure error={group.error} title={t('group.loadFailed')} onRetry={() => void group.refetch()}>
        {back}
      </LoadFailure>
    );
  }
  const g = group.data;

  return (
    <Stack gap="md" maw={1200}>
      <GroupDetailHeader g={g} manage={manage} onEdit={() => setDialog('edit')} onDelete={() => setDialog('delete')} />

      <GroupMembersCard
        g={g}
        manage={manage}
        selected={selected}
        setSelected={setSelected}
        onAdd={() => setDialog('add')}
        onRemove={() => setDialog('remove')}
      />

      <GroupDialogs id={id} dialog={dialog} g={g} selected={selected} setSelected={setSelected} onClose={() => setDialog(null)} />
    </Stack>
  );
}
