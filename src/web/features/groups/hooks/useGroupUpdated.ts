import { useQueryClient } from '@tanstack/react-query';
import type { GroupDetail } from '../../../../contracts/groups';
import { groupKeys } from '../api';

/** After a change: show the server's view of the group, and refresh the lists and users it appears in. */
export function useGroupUpdated(id: string) {
  const queryClient = useQueryClient();
  return function updated(data: GroupDetail) {
    queryClient.setQueryData(groupKeys.detail(id), data);
    void queryClient.invalidateQueries({ queryKey: groupKeys.list });
    void queryClient.invalidateQueries({ queryKey: ['groups', 'lookup'] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['user'] });
  };
}
