import { Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { WORKSPACE_TYPE_LABELS } from '../../../../contracts/workspaces';
import { fetchWorkspace } from '../api';
import { EffectiveAccessCard } from '../components/EffectiveAccessCard';
import { WorkspaceMembersCard } from '../components/WorkspaceMembersCard';
import { useWorkspaceMembers } from '../hooks/useWorkspaceMembers';
import { LoadFailure } from '../../../shared/access/LoadFailure';

export function WorkspaceDetailPage() {
  const { id = '' } = useParams();
  const ws = useQuery({ queryKey: ['workspace', id], queryFn: () => fetchWorkspace(id) });
  const members = useWorkspaceMembers(id);

  if (ws.isLoading) return <Loader />;
  if (ws.error || !ws.data) return <LoadFailure error={ws.error} title="Could not load the Workspace" onRetry={() => void ws.refetch()} />;
  const w = ws.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/admin/workspaces" size="sm">
            ← Workspaces
          </Anchor>
          <Title order={1} size="h2">
            {w.name}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{WORKSPACE_TYPE_LABELS[w.type]}</Badge>
            <Text size="sm" c="dimmed">
              Owner: {w.owner?.name ?? 'the organization'}
            </Text>
          </Group>
        </div>
      </Group>
      <WorkspaceMembersCard w={w} members={members} />
      <EffectiveAccessCard w={w} />
    </Stack>
  );
}
