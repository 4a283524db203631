import { Badge, Group } from '@mantine/core';
import type { AccessPath } from '../../../../contracts/workspaces';
import { workspaceRoleLabel } from '../labels';
import { t } from '../../../shared/i18n';

/** Which path grants access: Direct, via a group, via the organization — with the role of each. */
export function AccessPathBadges({ paths }: { paths: AccessPath[] }) {
  return (
    <Group gap={4}>
      {paths.map((p, i) => (
        <Badge key={i} variant={p.via === 'direct' ? 'filled' : 'light'} color={p.via === 'group' ? 'teal' : p.via === 'organization' ? 'gray' : 'indigo'}>
          {p.via === 'direct'
            ? t('workspace.path.direct')
            : p.via === 'group'
              ? t('workspace.path.group', { name: p.group?.name ?? '' })
              : t('workspace.path.organization')}{' '}
          · {workspaceRoleLabel(p.role)}
        </Badge>
      ))}
    </Group>
  );
}
