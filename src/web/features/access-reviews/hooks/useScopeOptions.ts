import { useQuery } from '@tanstack/react-query';
import { call } from '../../../shared/client';
import { useGroups, useRoles } from '../../../shared/lookups';

/** What a campaign can be scoped to or reviewed by: roles, groups and (for Workspace administrators) Workspaces. */
export function useScopeOptions(scopeType: string, canListWorkspaces: boolean) {
  const roles = useRoles();
  const groups = useGroups();
  const workspaces = useQuery({
    queryKey: ['workspaces', 'access-review-scope'],
    queryFn: () => call('get', '/api/workspaces', { query: { limit: 200 } }),
    enabled: scopeType === 'workspace' && canListWorkspaces,
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const byType: Record<string, { value: string; label: string }[]> = {
    role: roleOptions,
    group: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
    workspace: (workspaces.data?.items ?? []).map((w) => ({ value: w.id, label: w.name })),
  };
  return { roleOptions, scopeOptions: byType[scopeType] ?? [] };
}
