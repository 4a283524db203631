import { StatusBadge } from '../../../../shared/ui/StatusBadge';
import { Anchor, Avatar, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { UserDetail } from '../../../../../contracts/users';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { fromNow } from '../../../../shared/format';
import { PrivilegedBadge } from './RoleSection';
import { ProvisionedBadge, providerName } from '../ProvisionedBadge';
import { t } from '../../../../shared/i18n';

export function UserHeader({ user }: { user: UserDetail }) {
  const initials = (user.name || user.email)
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Stack gap="xs" data-testid="user-header">
      <Anchor component={Link} to="/admin/users" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> {t('user.breadcrumb')}
        </Group>
      </Anchor>
      <Group gap="md" wrap="nowrap" align="center">
        <Avatar size={56} radius="xl" color="indigo">
          {initials}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {user.name || user.email}
            </Title>
            <StatusBadge status={user.status} />
          </Group>
          <Group gap="sm" mt={2}>
            <Text c="dimmed">{user.email}</Text>
            <SoftBadge color="indigo" style={{ textTransform: 'none' }}>
              {user.role.name}
            </SoftBadge>
            {user.rolePrivileged && <PrivilegedBadge />}
            {user.provisionedBy && <ProvisionedBadge by={user.provisionedBy} />}
            <Text c="dimmed" size="sm">
              {user.lastActiveAt ? t('user.lastActive', { when: fromNow(user.lastActiveAt) }) : t('user.neverActive')}
            </Text>
          </Group>
          {user.provisionedBy && (
            <Text size="sm" c="dimmed" mt={4} data-testid="idp-owned-note">
              {t('user.idpOwned', { provider: providerName(user.provisionedBy) })}
            </Text>
          )}
        </div>
      </Group>
    </Stack>
  );
}
