import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Role } from '../../../../contracts/roles';
import { errorMessage } from '../../../shared/api';
import { duplicateRole } from '../api';
import { DeleteRoleButton } from './DeleteRoleButton';
import { RoleBadges } from './RoleBadges';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { t } from '../../../shared/i18n';

/** Every role with its permissions, holders and owner; managers may duplicate any role and delete custom ones. */
export function RolesTable({ roles, manage }: { roles: Role[]; manage: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const duplicate = useMutation({
    mutationFn: (id: string) => duplicateRole(id),
    onSuccess: async (role) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({ color: 'green', message: t('roles.duplicated', { name: role.name }) });
      void navigate(`/admin/roles/${role.id}`);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('roles.duplicateFailed'), message: errorMessage(error) }),
  });

  // On a narrow screen the table scrolls sideways inside its card instead of being cut off.
  return (
    <Table.ScrollContainer minWidth={840} type="native">
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.column.role')}</Table.Th>
            <Table.Th>{t('roles.column.description')}</Table.Th>
            <Table.Th>{t('roles.column.permissions')}</Table.Th>
            <Table.Th>{t('roles.column.users')}</Table.Th>
            <Table.Th>{t('roles.column.owner')}</Table.Th>
            {manage && <ActionsHeader />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((role, index) => (
            <Table.Tr key={role.id} data-testid="role-row" {...rowNavigation(index, () => void navigate(`/admin/roles/${role.id}`))}>
              <Table.Td miw={300}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/admin/roles/${role.id}`} fw={500}>
                    {role.name}
                  </Anchor>
                  <RoleBadges role={role} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {role.description}
                </Text>
              </Table.Td>
              <Table.Td>{role.permissions.length}</Table.Td>
              <Table.Td>
                {role.userCount > 0 ? (
                  <Anchor component={Link} to={`/admin/users?role=${role.id}`}>
                    {role.userCount}
                  </Anchor>
                ) : (
                  0
                )}
              </Table.Td>
              <Table.Td>{role.owner?.name ?? (role.system ? '—' : '')}</Table.Td>
              {manage && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconCopy size={14} />}
                      loading={duplicate.isPending && duplicate.variables === role.id}
                      onClick={() => duplicate.mutate(role.id)}
                      aria-label={t('roles.duplicateLabel', { name: role.name })}
                    >
                      {t('roles.duplicate')}
                    </Button>
                    {!role.system && <DeleteRoleButton role={role} />}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
