import { Alert, Anchor, Button, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCopy } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api';
import type { RoleEditorState } from '../hooks/useRoleEditor';
import { DeleteRoleButton } from './DeleteRoleButton';
import { RoleBadges } from './RoleBadges';
import { formatNumber, noun } from '../../../shared/format';

/** The way back, the role's name and badges, Duplicate and Delete, and who holds it. */
export function RoleEditorHeader({ editor }: { editor: RoleEditorState }) {
  const { isNew, role, canManage, duplicate } = editor;
  const navigate = useNavigate();
  return (
    <>
      <Anchor component={Link} to="/admin/roles" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Manage Roles
        </Group>
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {isNew ? 'New Role' : role.data!.name}
          </Title>
          {role.data && <RoleBadges role={role.data} />}
        </Group>
        {!isNew && canManage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconCopy size={16} />} loading={duplicate.isPending} onClick={() => duplicate.mutate()}>
              Duplicate
            </Button>
            {!role.data!.system && <DeleteRoleButton role={role.data!} onDeleted={() => void navigate('/admin/roles')} />}
          </Group>
        )}
      </Group>
      {role.data?.system && <Alert color="gray">System roles cannot be edited or deleted. Duplicate this role to make a custom role you can change.</Alert>}
      {duplicate.error && <Alert color="red">{errorMessage(duplicate.error)}</Alert>}
      {role.data && (
        <Text size="sm" c="dimmed">
          {formatNumber(role.data.userCount)} {noun(role.data.userCount, 'user holds', 'users hold')} this role.
        </Text>
      )}
    </>
  );
}
