import { Badge, Group } from '@mantine/core';
import { WORKSPACE_ROLE_LABELS, type AccessPath } from '../../../../contracts/workspaces';

/** Which path grants access: Direct, via a group, via the organization — with the role of each. */
export function AccessPathBadges({ paths }: { paths: AccessPath[] }) {
  return (
    <Group gap={4}>
      {paths.map((p, i) => (
        <Badge key={i} variant={p.via === 'direct' ? 'filled' : 'light'} color={p.via === 'group' ? 'teal' : p.via === 'organization' ? 'gray' : 'indigo'}>
          {p.via === 'direct' ? 'Direct' : p.via === 'group' ? `Group: ${p.group?.name ?? ''}` : 'Organization'} · {WORKSPACE_ROLE_LABELS[p.role]}
        </Badge>
      ))}
    </Group>
  );
}
