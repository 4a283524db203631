import { Alert, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { UserWorkspace } from '../../../../contracts/workspaces';
import { t, tOr } from '../../../shared/i18n';
import { fetchMyWorkspaces } from '../api';

const MY_WORKSPACES_MAX = 1_000;

function how(ws: UserWorkspace): string {
  if (ws.owned) return t('firstWorkspace.owned');
  const path = ws.paths[0];
  if (!path) return '';
  return path.via === 'direct'
    ? t('firstWorkspace.member', { role: ws.role ?? '' })
    : path.via === 'group'
      ? t('firstWorkspace.group', { group: path.group?.name ?? '' })
      : t('firstWorkspace.everyone');
}

/** "Where your first Workspace lives": the signed-in person's own Workspaces, first one highlighted. */
export function FirstWorkspace() {
  // Which one comes first needs them all (the owned one may be far down the name order); a person has few.
  const workspaces = useQuery({ queryKey: ['account', 'workspaces'], queryFn: () => fetchMyWorkspaces(MY_WORKSPACES_MAX) });
  if (workspaces.isLoading) return <Loader size="sm" />;
  const items = workspaces.data?.items ?? [];
  const first = items.find((w) => w.owned) ?? items.find((w) => w.paths.some((p) => p.via === 'direct')) ?? items[0];
  if (!first) {
    return (
      <Alert color="gray" variant="light">
        {t('firstWorkspace.none')}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="first-workspace">
      <Group gap="xs">
        <Text fw={600}>{first.workspace.name}</Text>
        <Badge variant="light">{tOr(`firstWorkspace.type.${first.workspace.type}`, first.workspace.type)}</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('firstWorkspace.first', { how: how(first) })}
      </Text>
      {items.length > 1 && (
        <Text size="sm">
          {t('firstWorkspace.alsoYours', {
            names:
              items
                .filter((w) => w !== first)
                .slice(0, 4)
                .map((w) => w.workspace.name)
                .join(', ') + (items.length > 5 ? ', …' : ''),
          })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('firstWorkspace.openIt')}
      </Text>
    </Stack>
  );
}
