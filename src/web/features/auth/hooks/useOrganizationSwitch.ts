import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { listMyOrganizations, switchOrganization } from '../api';
import { t } from '../../../shared/i18n';

/** The organizations of the signed-in address, and moving to one of them (a new session there). */
export function useOrganizationSwitch() {
  const queryClient = useQueryClient();
  const organizations = useQuery({ queryKey: ['my-organizations'], queryFn: listMyOrganizations, staleTime: 60_000 });
  const switcher = useMutation({
    mutationFn: (organizationId: string) => switchOrganization(organizationId),
    onSuccess: (result) => {
      // Everything cached belongs to the organization just left: start the console afresh.
      queryClient.clear();
      window.location.assign(result.redirectTo);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('signIn.switchFailed'), message: errorMessage(error) }),
  });
  return { organizations: organizations.data ?? [], switchTo: switcher.mutate, switching: switcher.isPending };
}
