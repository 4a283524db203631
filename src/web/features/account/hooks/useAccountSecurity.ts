import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { addPasskey, fetchAccountSecurity, removePasskey, revokeOtherSessions, revokeSession } from '../api';
import { t } from '../../../shared/i18n';

/**
 * The signed-in user's security (passkeys, sessions, gate) and what they can do to it. Adding the
 * first passkey behind a gate reloads everything and goes home; signing out this device goes to sign-in.
 */
export function useAccountSecurity() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const security = useQuery({ queryKey: ['account-security'], queryFn: fetchAccountSecurity });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account-security'] });

  const add = useMutation({
    mutationFn: () => addPasskey(),
    onSuccess: async (passkey) => {
      const wasGated = security.data?.gate !== null;
      notifications.show({ color: 'green', title: t('passkeys.addedTitle'), message: t('passkeys.addedText', { name: passkey.name }) });
      await refresh();
      if (wasGated) {
        await queryClient.invalidateQueries();
        void navigate('/', { replace: true });
      }
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removePasskey(id),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('passkeys.removed') });
      return refresh();
    },
    onError: (e) => notifications.show({ color: 'red', title: t('passkeys.notRemoved'), message: errorMessage(e) }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeSession(id),
    onSuccess: (_r, id) => {
      if (security.data?.sessions.find((s) => s.id === id)?.current) {
        queryClient.clear();
        void navigate('/sign-in', { replace: true });
        return;
      }
      notifications.show({ color: 'green', message: t('sessions.signedOut') });
      return refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const revokeOthers = useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: t('sessions.othersSignedOut', { count: r.revoked }) });
      return refresh();
    },
  });

  return { security, refresh, add, remove, revoke, revokeOthers };
}
