import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { SsoRoleRule, SsoRoleRuleList } from '../../../../contracts/sso';
import { api, errorMessage } from '../../../shared/api';
import { ssoKey } from '../api';
import { t } from '../../../shared/i18n';

type RuleList = Static<typeof SsoRoleRuleList>;
const rulesKey = (connectionId: string) => [...ssoKey, 'role-rules', connectionId] as const;

/** A connection's group-to-role rules, the roles the caller may choose, and adding or removing one. */
export function useSsoRoleRules(connectionId: string) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: rulesKey(connectionId), queryFn: () => api<RuleList>(`/api/sso/connections/${connectionId}/role-rules`) });
  const onSettled = () => void client.invalidateQueries({ queryKey: rulesKey(connectionId) });
  const onError = (error: Error) => notifications.show({ color: 'red', message: errorMessage(error) });
  const add = useMutation({
    mutationFn: (body: { idpGroup: string; roleId: string }) =>
      api<Static<typeof SsoRoleRule>>(`/api/sso/connections/${connectionId}/role-rules`, { method: 'POST', body }),
    onSuccess: () => notifications.show({ color: 'green', message: t('sso.ruleAdded') }),
    onError,
    onSettled,
  });
  const remove = useMutation({
    mutationFn: (ruleId: string) => api<unknown>(`/api/sso/connections/${connectionId}/role-rules/${ruleId}`, { method: 'DELETE' }),
    onSuccess: () => notifications.show({ color: 'green', message: t('sso.ruleRemoved') }),
    onError,
    onSettled,
  });
  return { list, add, remove };
}
