import { Alert, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { UserWorkspace } from '../../../../contracts/workspaces';
import { fetchMyWorkspaces } from '../api';

const MY_WORKSPACES_MAX = 1_000;

const TYPE_LABEL: Record<string, string> = { personal: 'Personal', collaborative: 'Collaborative', organization: 'Organization' };

function how(ws: UserWorkspace): string {
  if (ws.owned) return 'you own it';
  const path = ws.paths[0];
  if (!path) return '';
  return path.via === 'direct'
    ? `you are a member (${ws.role})`
    : path.via === 'group'
      ? `through your group ${path.group?.name ?? ''}`
      : 'open to everyone in the organization';
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
        You are not in any Workspace yet. Your administrator adds you to one, or you create your own Personal Workspace in Sofie.
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="first-workspace">
      <Group gap="xs">
        <Text fw={600}>{first.workspace.name}</Text>
        <Badge variant="light">{TYPE_LABEL[first.workspace.type] ?? first.workspace.type}</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        Your first Workspace: {how(first)}.
      </Text>
      {items.length > 1 && (
        <Text size="sm">
          Also yours:{' '}
          {items
            .filter((w) => w !== first)
            .slice(0, 4)
            .map((w) => w.workspace.name)
            .join(', ')}
          {items.length > 5 ? ', …' : ''}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Open it from the Workspaces menu in Sofie.
      </Text>
    </Stack>
  );
}
