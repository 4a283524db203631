import { useQueryClient } from '@tanstack/react-query';
import type { UserDetail } from '../../../../../contracts/users';
import { userKeys } from '../../detail-api';

/** After a change: show the server's view of the user, and refresh what depends on it. */
export function useUserUpdated() {
  const queryClient = useQueryClient();
  return (user: UserDetail | null, userId: string) => {
    if (user) queryClient.setQueryData(userKeys.detail(userId), user);
    else void queryClient.invalidateQueries({ queryKey: userKeys.detail(userId), exact: true });
    void queryClient.invalidateQueries({ queryKey: userKeys.history(userId) });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['groups'] });
  };
}
