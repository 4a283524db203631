import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { errorMessage } from '../../../shared/api';
import {
  addSsoDomain,
  createSsoConnection,
  deleteSsoConnection,
  fetchSso,
  removeSsoDomain,
  SSO_TEST_CHANNEL,
  ssoKey,
  updateSsoConnection,
  verifySsoDomain,
} from '../api';
import { t } from '../../../shared/i18n';

/** One change to the single sign-on setup: a notification either way, then the overview refreshed. */
function useChange<A>(fn: (arg: A) => Promise<unknown>, done?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      if (done) notifications.show({ color: 'green', message: done });
      void client.invalidateQueries({ queryKey: ssoKey });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
}

/** The single sign-on overview and every change to it; each change refreshes the overview. */
export function useSso() {
  const client = useQueryClient();
  const overview = useQuery({ queryKey: ssoKey, queryFn: fetchSso });
  const refresh = () => client.invalidateQueries({ queryKey: ssoKey });
  // The "Test connection" popup says when it is done.
  useEffect(() => {
    const channel = new BroadcastChannel(SSO_TEST_CHANNEL);
    channel.onmessage = () => void client.invalidateQueries({ queryKey: ssoKey });
    return () => channel.close();
  }, [client]);
  return {
    overview,
    refresh,
    create: useChange(createSsoConnection, t('sso.created')),
    update: useChange(({ id, patch }: { id: string; patch: Parameters<typeof updateSsoConnection>[1] }) => updateSsoConnection(id, patch)),
    remove: useChange(deleteSsoConnection, t('sso.removed')),
    addDomain: useChange(({ domain, connectionId }: { domain: string; connectionId: string | null }) => addSsoDomain(domain, connectionId)),
    verifyDomain: useChange(verifySsoDomain, t('sso.domainVerified')),
    removeDomain: useChange(removeSsoDomain, t('sso.domainRemoved')),
  };
}
export type SsoHook = ReturnType<typeof useSso>;
