import { notifications } from '@mantine/notifications';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { GroupDetail, Group as GroupSummary } from '../../../../contracts/groups';
import { deleteGroup, groupKeys } from '../api';
import { t } from '../../../shared/i18n';

/** Deletes the group, drops it from the caches at once, and returns to the list. */
export function useDeleteGroup(g: GroupDetail) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async function deleteTheGroup(reason: string | undefined) {
    await deleteGroup(g.id, reason);
    queryClient.removeQueries({ queryKey: groupKeys.detail(g.id) });
    // The list must not show the deleted group while it refetches.
    queryClient.setQueryData<InfiniteData<{ items: GroupSummary[]; nextCursor: string | null }>>(groupKeys.list, (old) =>
      old ? { ...old, pages: old.pages.map((page) => ({ ...page, items: page.items.filter((x) => x.id !== g.id) })) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: groupKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    notifications.show({
      color: 'green',
      message: t('groups.deleted', { name: g.name, count: g.memberCount }),
    });
    void navigate('/admin/groups');
  };
}
