import { useReasonRequired } from '../../organization/api';
import { useGroups, useRoles } from '../../users/hooks/useLookups';

/** Roles, groups and whether a reason is required, with the default role (Member). */
export function useInviteLookups() {
  const roles = useRoles();
  const groups = useGroups();
  const reasonRequired = useReasonRequired();
  const roleItems = roles.data?.items ?? [];
  const defaultRole = roleItems.find((r) => r.key === 'member') ?? roleItems.find((r) => r.name.toLowerCase() === 'member') ?? roleItems[0];
  return {
    roles: roleItems,
    groups: groups.data?.items ?? [],
    roleOptions: roleItems.map((r) => ({ value: r.id, label: r.name })),
    groupOptions: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
    defaultRoleId: defaultRole?.id,
    reasonRequired,
    loading: roles.isLoading || groups.isLoading,
  };
}
