import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { GroupDetail, Group as GroupSummary } from '../../../../contracts/groups';
import { deleteGroup, groupKeys } from '../api';
import { noun, plural } from '../../../shared/format';

/** Deletes the group, drops it from the caches at once, and returns to the list. */
export function useDeleteGroup(g: GroupDetail) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async function deleteTheGroup(reason: string | undefined) {
    await deleteGroup(g.id, reason);
    queryClient.removeQueries({ queryKey: groupKeys.detail(g.id) });
    // The list must not show the deleted group while it refetches.
    queryClient.setQueryData<{ items: GroupSummary[] }>(groupKeys.all, (old) => (old ? { items: old.items.filter((x) => x.id !== g.id) } : old));
    void queryClient.invalidateQueries({ queryKey: groupKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    notifications.show({
      color: 'green',
      message: `Group ${g.name} deleted. Its ${plural(g.memberCount, 'member', 'members')} ${noun(g.memberCount, 'keeps', 'keep')} their accounts.`,
    });
    void navigate('/admin/groups');
  };
}
