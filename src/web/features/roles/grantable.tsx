import { Group, Stack, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput, SelectProps } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { Role } from '../../../contracts/roles';
import { permissionLabel } from '../../shared/access/access';
import { useMe } from '../../shared/useMe';
import { t } from '../../shared/i18n';

type Grantable = Pick<Role, 'id' | 'name' | 'permissions'> & { privileged?: boolean };

/** The permissions of `role` the signed-in user does not hold: the server's ROLE_ESCALATION rule. */
export function missingToGrant(role: Pick<Role, 'permissions'>, held: ReadonlySet<string>): string[] {
  return role.permissions.filter((p) => !held.has(p));
}

/** "Includes permissions your role lacks: Invite users, Assign roles". */
export function whyNotGrantable(missing: readonly string[]): string {
  return t('roleEditor.lacksPermissions', { permissions: missing.map(permissionLabel).join(', ') });
}

export interface RoleChoices {
  /** Select data: roles the user may not grant are listed, disabled. */
  options: ComboboxItem[];
  /** Renders each option with why a disabled one cannot be chosen. */
  renderOption: (input: ComboboxLikeRenderOptionInput<ComboboxItem>) => React.ReactNode;
  /** Spread onto the Select: the options, their rendering, and a disabled option's reason kept readable. */
  selectProps: Pick<SelectProps, 'data' | 'renderOption' | 'styles'>;
  canGrant: (roleId: string | null | undefined) => boolean;
  /** Why `roleId` cannot be granted, or null when it can. */
  reasonFor: (roleId: string | null | undefined) => string | null;
}

/**
 * Every role picker's options: a role is offered only when the signed-in user holds every one of its
 * permissions (the server refuses the rest); the others stay visible, disabled, with the reason.
 */
export function useRoleChoices(roles: readonly Grantable[], label: (role: Grantable) => string = (r) => r.name): RoleChoices {
  const held = new Set(useMe().data?.permissions ?? []);
  const missing = new Map(roles.map((r) => [r.id, missingToGrant(r, held)]));
  const reasonFor = (roleId: string | null | undefined) => {
    const lacking = roleId ? missing.get(roleId) : undefined;
    return lacking?.length ? whyNotGrantable(lacking) : null;
  };
  const options = roles.map((r) => ({ value: r.id, label: label(r), disabled: (missing.get(r.id)?.length ?? 0) > 0 }));
  const renderOption: RoleChoices['renderOption'] = ({ option }) => {
    const why = reasonFor(option.value);
    if (!why) return option.label;
    return (
      <Stack gap={0}>
        <Group gap={6} wrap="nowrap">
          <IconLock size={14} aria-hidden />
          <Text size="sm" c="dimmed">
            {option.label}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {why}
        </Text>
      </Stack>
    );
  };
  return {
    options,
    renderOption,
    // Mantine fades a disabled option to 35%; the reason it gives must stay readable.
    selectProps: { data: options, renderOption, styles: { option: { opacity: 1 } } },
    canGrant: (roleId) => !!roleId && missing.has(roleId) && reasonFor(roleId) === null,
    reasonFor,
  };
}
