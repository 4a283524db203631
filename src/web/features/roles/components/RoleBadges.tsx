import { Badge, Group } from '@mantine/core';
import type { Role } from '../../../../contracts/roles';

export function RoleBadges({ role }: { role: Pick<Role, 'system' | 'privileged'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      {role.system && <Badge variant="light" color="gray">System</Badge>}
      {role.privileged && <Badge variant="light" color="orange">Privileged</Badge>}
    </Group>
  );
}
