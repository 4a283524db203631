import { Badge, Group } from '@mantine/core';
import type { Role } from '../../../../contracts/roles';
import { t } from '../../../shared/i18n';

export function RoleBadges({ role }: { role: Pick<Role, 'system' | 'privileged'> }) {
  return (
    <Group gap={4}>
      {role.system && (
        <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
          {t('roles.badge.system')}
        </Badge>
      )}
      {role.privileged && (
        <Badge variant="light" color="orange" style={{ flexShrink: 0 }}>
          {t('roles.badge.privileged')}
        </Badge>
      )}
    </Group>
  );
}
