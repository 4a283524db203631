import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../../../contracts/roles';
import { ApiError, errorMessage } from '../../../shared/api';
import { deleteRole } from '../api';
import { t } from '../../../shared/i18n';

/** Delete with confirmation; a role still held by users is refused with the count and a link to them. */
export function DeleteRoleButton({ role, onDeleted }: { role: Role; onDeleted?: () => void }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => deleteRole(role.id),
    onSuccess: async () => {
      setOpen(false);
      notifications.show({ color: 'green', message: t('roles.deleted', { name: role.name }) });
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      onDeleted?.();
    },
  });
  const error = mutation.error;
  const inUse = error instanceof ApiError && error.code === 'ROLE_IN_USE' ? (error.details as { userCount: number; link: string }) : null;
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        size="xs"
        leftSection={<IconTrash size={14} />}
        disabled={role.system}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
        aria-label={t('roles.deleteLabel', { name: role.name })}
      >
        {t('roles.delete')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('roles.deleteTitle', { name: role.name })}>
        <Stack>
          <Text size="sm">{t('roles.deleteWarning')}</Text>
          {error && (
            <Alert color="red" title={t('roles.notDeleted')}>
              {errorMessage(error)}
              {inUse && inUse.userCount > 0 && (
                <Text size="sm" mt="xs">
                  <Anchor component={Link} to={inUse.link}>
                    {t('roles.showHolders', { count: inUse.userCount })}
                  </Anchor>
                </Text>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('roles.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
