import { Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { workspaceTypeLabel } from '../labels';
import { fetchWorkspace } from '../api';
import { EffectiveAccessCard } from '../components/EffectiveAccessCard';
import { WorkspaceMembersCard } from '../components/WorkspaceMembersCard';
import { useWorkspaceMembers } from '../hooks/useWorkspaceMembers';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

export function WorkspaceDetailPage() {
  const { id = '' } = useParams();
  const ws = useQuery({ queryKey: ['workspace', id], queryFn: () => fetchWorkspace(id) });
  const members = useWorkspaceMembers(id);

  if (ws.isLoading) return <Loader />;
  if (ws.error || !ws.data) return <LoadFailure error={ws.error} title={t('workspace.loadFailed')} onRetry={() => void ws.refetch()} />;
  const w = ws.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/admin/workspaces" size="sm">
            {t('workspace.back')}
          </Anchor>
          <Title order={1} size="h2">
            {w.name}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{workspaceTypeLabel(w.type)}</Badge>
            <Text size="sm" c="dimmed">
              {t('workspace.owner', { name: w.owner?.name ?? t('workspace.ownerOrganization') })}
            </Text>
          </Group>
        </div>
      </Group>
      <WorkspaceMembersCard w={w} members={members} />
      <EffectiveAccessCard w={w} />
    </Stack>
  );
}
