import { Alert, Anchor, Button, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCopy } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api';
import type { RoleEditorState } from '../hooks/useRoleEditor';
import { DeleteRoleButton } from './DeleteRoleButton';
import { RoleBadges } from './RoleBadges';
import { t } from '../../../shared/i18n';

/** The way back, the role's name and badges, Duplicate and Delete, and who holds it. */
export function RoleEditorHeader({ editor }: { editor: RoleEditorState }) {
  const { isNew, role, canManage, duplicate } = editor;
  const navigate = useNavigate();
  return (
    <>
      <Anchor component={Link} to="/admin/roles" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('roleEditor.back')}
        </Group>
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {isNew ? t('roleEditor.newTitle') : role.data!.name}
          </Title>
          {role.data && <RoleBadges role={role.data} />}
        </Group>
        {!isNew && canManage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconCopy size={16} />} loading={duplicate.isPending} onClick={() => duplicate.mutate()}>
              {t('roles.duplicate')}
            </Button>
            {!role.data!.system && <DeleteRoleButton role={role.data!} onDeleted={() => void navigate('/admin/roles')} />}
          </Group>
        )}
      </Group>
      {role.data?.system && <Alert color="gray">{t('roleEditor.systemReadOnly')}</Alert>}
      {duplicate.error && <Alert color="red">{errorMessage(duplicate.error)}</Alert>}
      {role.data && (
        <Text size="sm" c="dimmed">
          {t('roleEditor.holders', { count: role.data.userCount })}
        </Text>
      )}
    </>
  );
}
