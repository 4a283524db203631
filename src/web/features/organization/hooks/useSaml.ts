import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { ssoKey } from '../api';
import { createSamlConnection, updateSamlConnection, type NewSamlConnection, type SamlConnectionPatch } from '../samlApi';
import { t } from '../../../shared/i18n';

/** Adding and changing SAML connections; each change refreshes the single sign-on overview. */
export function useSaml() {
  const client = useQueryClient();
  const after = (message: string) => ({
    onSuccess: () => {
      notifications.show({ color: 'green', message });
      void client.invalidateQueries({ queryKey: ssoKey });
    },
    onError: (error: Error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return {
    create: useMutation({ mutationFn: (body: NewSamlConnection) => createSamlConnection(body), ...after(t('sso.samlAdded')) }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: SamlConnectionPatch }) => updateSamlConnection(id, patch),
      ...after(t('sso.samlSaved')),
    }),
  };
}
export type SamlHook = ReturnType<typeof useSaml>;
