import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { useRoleChoices } from '../../roles';
import { useGroups, useRoles } from '../../../shared/lookups';

/**
 * Roles (only those the signed-in user may grant can be chosen), groups, whether a reason is
 * required, and the default role (Member): preselected only when the user may grant it.
 */
export function useInviteLookups() {
  const roles = useRoles();
  const groups = useGroups();
  const reasonRequired = useReasonRequired();
  const roleItems = roles.data?.items ?? [];
  const roleChoices = useRoleChoices(roleItems);
  const defaultRole = roleItems.find((r) => r.key === 'member') ?? roleItems.find((r) => r.name.toLowerCase() === 'member') ?? roleItems[0];
  return {
    roles: roleItems,
    groups: groups.data?.items ?? [],
    roleChoices,
    groupOptions: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
    defaultRole,
    defaultRoleId: roleChoices.canGrant(defaultRole?.id) ? defaultRole?.id : undefined,
    reasonRequired,
    loading: roles.isLoading || groups.isLoading,
  };
}
