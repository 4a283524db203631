import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GroupDetail } from '../../../../contracts/groups';
import { ApiError, errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { fetchGroup, groupKeys } from '../api';
import { GroupDetailHeader } from '../components/GroupDetailHeader';
import { GroupDialogs, type GroupDialog } from '../components/GroupDialogs';
import { GroupMembersCard } from '../components/GroupMembersCard';
import { useGroupMembers } from '../hooks/useGroupMembers';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

/** /admin/groups/:id — a group, its members, and the changes a group manager can make. */
export function GroupDetailPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const manage = can('groups.manage');
  const group = useQuery({ queryKey: groupKeys.detail(id), queryFn: () => fetchGroup(id) });

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
  return <GroupDetailView id={id} g={group.data} manage={manage} />;
}

/** The loaded group: its header, its members (page by page), and the dialog open on it. */
function GroupDetailView({ id, g: group, manage }: { id: string; g: GroupDetail; manage: boolean }) {
  const [dialog, setDialog] = useState<GroupDialog>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const loaded = useGroupMembers(group);
  // Everything below sees every member loaded so far, not only the first page.
  const g = { ...group, members: loaded.members };

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
        more={loaded.more}
      />

      <GroupDialogs id={id} dialog={dialog} g={g} selected={selected} setSelected={setSelected} onClose={() => setDialog(null)} />
    </Stack>
  );
}
