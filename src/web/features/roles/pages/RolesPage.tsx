import { Alert, Anchor, Button, Card, Group, Loader, Modal, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconHelpCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { duplicateRole, fetchRoles } from '../api';
import { DeleteRoleButton } from '../components/DeleteRoleButton';
import { HelpMeChoose } from '../components/HelpMeChoose';
import { RoleBadges } from '../components/RoleBadges';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

/** "Manage Roles": system and custom roles with their holders; system roles are read-only but can be duplicated. */
export function RolesPage() {
  const can = useCan();
  const manage = can('roles.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: ['roles'], queryFn: fetchRoles });
  const [helpOpen, setHelpOpen] = useState(false);
  const duplicate = useMutation({
    mutationFn: (id: string) => duplicateRole(id),
    onSuccess: async (role) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({ color: 'green', message: `Created "${role.name}". Adjust it and save.` });
      navigate(`/admin/roles/${role.id}`);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not duplicate the role', message: errorMessage(error) }),
  });

  if (forbiddenPermission(roles.error)) return <LoadFailure error={roles.error} title="Could not load roles" />;

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Manage Roles</Title>
        <Group gap="xs">
          {can('users.view') && (
            <Button variant="default" leftSection={<IconHelpCircle size={16} />} onClick={() => setHelpOpen(true)}>
              Help me choose
            </Button>
          )}
          {manage && (
            <Button component={Link} to="/admin/roles/new" leftSection={<IconPlus size={16} />}>
              New Role
            </Button>
          )}
        </Group>
      </Group>
      <Modal opened={helpOpen} onClose={() => setHelpOpen(false)} title="Help me choose a role" size="lg">
        <HelpMeChoose
          onChoose={(roleId) => {
            setHelpOpen(false);
            navigate(`/admin/roles/${roleId}`);
          }}
        />
      </Modal>
      <Text c="dimmed" mb="md" size="sm">
        A role is a reusable set of permissions. Name roles after job responsibilities and keep them narrow enough to review.
      </Text>
      <Card withBorder>
        {roles.isLoading && <Loader />}
        {roles.error && <Alert color="red">{errorMessage(roles.error)}</Alert>}
        {roles.data && (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th>Users</Table.Th>
                <Table.Th>Owner</Table.Th>
                {manage && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td miw={300}>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/admin/roles/${role.id}`} fw={500}>{role.name}</Anchor>
                      <RoleBadges role={role} />
                    </Group>
                  </Table.Td>
                  <Table.Td><Text size="sm" c="dimmed" lineClamp={2}>{role.description}</Text></Table.Td>
                  <Table.Td>{role.permissions.length}</Table.Td>
                  <Table.Td>
                    {role.userCount > 0 ? <Anchor component={Link} to={`/admin/users?role=${role.id}`}>{role.userCount}</Anchor> : 0}
                  </Table.Td>
                  <Table.Td>{role.owner?.name ?? (role.system ? '—' : '')}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button variant="subtle" size="xs" leftSection={<IconCopy size={14} />} loading={duplicate.isPending && duplicate.variables === role.id} onClick={() => duplicate.mutate(role.id)} aria-label={`Duplicate ${role.name}`}>
                          Duplicate
                        </Button>
                        {!role.system && <DeleteRoleButton role={role} />}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
