import { Button, Card, Group, Loader, Modal, Text, Title } from '@mantine/core';
import { IconHelpCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../shared/useMe';
import { fetchRoles } from '../api';
import { HelpMeChoose } from '../components/HelpMeChoose';
import { RolesTable } from '../components/RolesTable';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

/** "Manage Roles": system and custom roles with their holders; system roles are read-only but can be duplicated. */
export function RolesPage() {
  const can = useCan();
  const manage = can('roles.manage');
  const navigate = useNavigate();
  const roles = useQuery({ queryKey: ['roles'], queryFn: fetchRoles });
  const [helpOpen, setHelpOpen] = useState(false);

  if (forbiddenPermission(roles.error)) return <LoadFailure error={roles.error} title="Could not load roles" />;

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Manage Roles
        </Title>
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
            void navigate(`/admin/roles/${roleId}`);
          }}
        />
      </Modal>
      <Text c="dimmed" mb="md" size="sm">
        A role is a reusable set of permissions. Name roles after job responsibilities and keep them narrow enough to review.
      </Text>
      <Card withBorder>
        {roles.isLoading && <Loader />}
        {roles.error && <LoadFailure error={roles.error} title="Could not load roles" onRetry={() => void roles.refetch()} />}
        {roles.data && <RolesTable roles={roles.data} manage={manage} />}
      </Card>
    </>
  );
}
