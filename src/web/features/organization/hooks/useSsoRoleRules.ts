import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { call } from '../../../shared/client';
import { usePagedList } from '../../../shared/usePagedList';
import { ssoKey } from '../api';
import { t } from '../../../shared/i18n';

const rulesKey = (connectionId: string) => [...ssoKey, 'role-rules', connectionId] as const;

/** A connection's group-to-role rules (keyset pages by IdP group), the roles the caller may choose, and adding or removing one. */
export function useSsoRoleRules(connectionId: string) {
  const client = useQueryClient();
  const list = usePagedList(rulesKey(connectionId), (cursor) =>
    call('get', '/api/sso/connections/{id}/role-rules', { path: { id: connectionId }, query: { cursor } }),
  );
  const onSettled = () => void client.invalidateQueries({ queryKey: rulesKey(connectionId) });
  const onError = (error: Error) => notifications.show({ color: 'red', message: errorMessage(error) });
  const add = useMutation({
    mutationFn: (body: { idpGroup: string; roleId: string }) => call('post', '/api/sso/connections/{id}/role-rules', { path: { id: connectionId }, body }),
    onSuccess: () => notifications.show({ color: 'green', message: t('sso.ruleAdded') }),
    onError,
    onSettled,
  });
  const remove = useMutation({
    mutationFn: (ruleId: string) => call('delete', '/api/sso/connections/{id}/role-rules/{ruleId}', { path: { id: connectionId, ruleId } }),
    onSuccess: () => notifications.show({ color: 'green', message: t('sso.ruleRemoved') }),
    onError,
    onSettled,
  });
  return { list, add, remove };
}
