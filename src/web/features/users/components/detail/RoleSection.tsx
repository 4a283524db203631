import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useCan, useMe } from '../../../../shared/useMe';
import { useRoleChoices } from '../../../roles';
import { fetchRoles, userKeys } from '../../detail-api';
import { ChangeError, conflictCurrent, isVersionConflict } from '../../../../shared/ui/ChangeError';
import { DetailSection } from './DetailSection';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { ReasonField } from '../../../../shared/reason/ReasonField';
import type { SectionProps } from './types';
import { useChangeUserRole } from './useChangeUserRole';
import { t } from '../../../../shared/i18n';

export function PrivilegedBadge() {
  return (
    <SoftBadge color="orange" leftSection={<IconShieldCheck size={12} />}>
      {t('user.privileged')}
    </SoftBadge>
  );
}

export function RoleSection({ user, reload, openRequest }: SectionProps) {
  const can = useCan();
  const self = useMe().data?.user.id === user.id;
  // Nobody changes their own role (the server refuses it): the button is not offered on one's own page.
  const mayChange = can('users.assign_role') && !self;
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (openRequest && mayChange) setOpened(true);
  }, [openRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <DetailSection
      id="role"
      title={t('user.role.title')}
      description={t('user.role.description')}
      actions={
        mayChange && (
          <Button variant="light" onClick={() => setOpened(true)}>
            {t('user.role.change')}
          </Button>
        )
      }
    >
      <Group gap="sm">
        <Text fw={600} size="lg" data-testid="current-role">
          {user.role.name}
        </Text>
        {user.rolePrivileged && <PrivilegedBadge />}
      </Group>
      {user.rolePrivileged && (
        <Text size="sm" c="dimmed">
          {t('user.role.privilegedHint')}
        </Text>
      )}
      {self && can('users.assign_role') && (
        <Text size="sm" c="dimmed" data-testid="own-role-note">
          {t('user.role.ownRole')}
        </Text>
      )}
      {opened && <ChangeRoleModal user={user} reload={reload} onClose={() => setOpened(false)} />}
    </DetailSection>
  );
}

function ChangeRoleModal({ user, reload, onClose }: { user: SectionProps['user']; reload: SectionProps['reload']; onClose: () => void }) {
  const roles = useQuery({ queryKey: userKeys.roles, queryFn: fetchRoles, staleTime: 60_000 });
  const { reasonRequired, roleId, setRoleId, reason, setReason, reasonError, reloading, mutation, reloadLatest, submit } = useChangeUserRole(
    user,
    reload,
    onClose,
  );

  const roleName = (id: string | undefined) => roles.data?.items.find((r) => r.id === id)?.name ?? t('user.role.anotherRole');
  let whatChanged: string | undefined;
  if (isVersionConflict(mutation.error)) {
    const current = conflictCurrent<{ roleId?: string }>(mutation.error);
    whatChanged =
      current?.roleId && current.roleId !== user.role.id
        ? t('user.role.nowIs', { current: roleName(current.roleId), shown: user.role.name })
        : t('user.changedSinceLoad');
  }

  const choices = useRoleChoices(roles.data?.items ?? [], (r) => (r.privileged ? t('user.role.privilegedOption', { name: r.name }) : r.name));
  const chosen = roles.data?.items.find((r) => r.id === roleId);

  return (
    <Modal opened onClose={onClose} title={t('user.role.changeOf', { name: user.name || user.email })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Select
            label={t('user.role.title')}
            {...choices.selectProps}
            value={roleId}
            onChange={setRoleId}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('user.role.noMatch')}
            disabled={roles.isLoading}
          />
          {chosen && (
            <Text size="sm" c="dimmed">
              {chosen.description}
            </Text>
          )}
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={mutation.error} whatChanged={whatChanged} onReload={() => void reloadLatest()} reloading={reloading} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={mutation.isPending} disabled={!roleId || roleId === user.role.id}>
              {t('user.role.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
