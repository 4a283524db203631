import { useQueryClient } from '@tanstack/react-query';

/** After any invitation the lists that show it are stale. */
export function useInvalidateAfterInvite() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    void queryClient.invalidateQueries({ queryKey: ['groups'] });
  };
}
