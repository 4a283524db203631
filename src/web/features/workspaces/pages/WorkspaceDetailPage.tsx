import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { WORKSPACE_ROLES, WORKSPACE_ROLE_LABELS, WORKSPACE_TYPE_LABELS, type WorkspaceRole } from '../../../../contracts/workspaces';
import { api, errorMessage } from '../../../shared/api';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { fetchWorkspace, removeWorkspaceMember, setWorkspaceMembers } from '../api';
import { AccessPathBadges } from '../components/AccessPathBadges';
import { LoadFailure } from '../../../shared/access/LoadFailure';

const ROLE_OPTIONS = WORKSPACE_ROLES.map((r) => ({ value: r, label: WORKSPACE_ROLE_LABELS[r] }));

export function WorkspaceDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const ws = useQuery({ queryKey: ['workspace', id], queryFn: () => fetchWorkspace(id) });
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/groups') });
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [user, setUser] = useState<PickedUser | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [role, setRole] = useState<WorkspaceRole>('editor');
  const onDone = (message: string) => (data: unknown) => {
    queryClient.setQueryData(['workspace', id], data);
    queryClient.invalidateQueries({ queryKey: ['workspaces'] });
    notifications.show({ color: 'green', message });
  };
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });
  const add = useMutation({
    mutationFn: () => setWorkspaceMembers(id, { members: [{ type: kind, id: kind === 'user' ? user!.id : groupId!, role }] }),
    onSuccess: (data) => {
      onDone('Member added.')(data);
      setUser(null);
      setGroupId(null);
    },
    onError,
  });
  const change = useMutation({ mutationFn: (m: { type: 'user' | 'group'; id: string; role: WorkspaceRole }) => setWorkspaceMembers(id, { members: [m] }), onSuccess: onDone('Role changed.'), onError });
  const remove = useMutation({ mutationFn: (m: { type: 'user' | 'group'; id: string }) => removeWorkspaceMember(id, m.type, m.id), onSuccess: onDone('Member removed.'), onError });

  if (ws.isLoading) return <Loader />;
  if (ws.error || !ws.data) return <LoadFailure error={ws.error} title="Could not load the Workspace" />;
  const w = ws.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/admin/workspaces" size="sm">← Workspaces</Anchor>
          <Title order={2}>{w.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{WORKSPACE_TYPE_LABELS[w.type]}</Badge>
            <Text size="sm" c="dimmed">Owner: {w.owner?.name ?? 'the organization'}</Text>
          </Group>
        </div>
      </Group>
      <Card withBorder>
        <Title order={4} mb="sm">Members</Title>
        <Table aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {w.members.map((m) => (
              <Table.Tr key={`${m.type}-${m.id}`}>
                <Table.Td>
                  <Group gap={6}>{m.type === 'user' ? <IconUser size={16} aria-label="User" /> : <IconUsersGroup size={16} aria-label="Group" />}{m.name}</Group>
                </Table.Td>
                <Table.Td>{m.detail}</Table.Td>
                <Table.Td>
                  <Select aria-label={`Role of ${m.name}`} data={ROLE_OPTIONS} value={m.role} allowDeselect={false} w={130} onChange={(r) => r && change.mutate({ type: m.type, id: m.id, role: r as WorkspaceRole })} />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove ${m.name}`} onClick={() => remove.mutate({ type: m.type, id: m.id })}><IconTrash size={16} /></ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" mt="md">
          <SegmentedControl aria-label="Member type" data={[{ value: 'user', label: 'User' }, ...(w.type === 'personal' ? [] : [{ value: 'group', label: 'Group' }])]} value={kind} onChange={(v) => setKind(v as 'user' | 'group')} />
          {kind === 'user' ? (
            <ActiveUserPicker label="User" value={user} onChange={setUser} w={320} />
          ) : (
            <Select label="Group" searchable data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} w={320} />
          )}
          <Select label="Role" data={ROLE_OPTIONS} value={role} onChange={(r) => r && setRole(r as WorkspaceRole)} allowDeselect={false} w={130} />
          <Button onClick={() => add.mutate()} loading={add.isPending} disabled={kind === 'user' ? !user : !groupId}>Add member</Button>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">Effective access</Title>
        <Text size="sm" c="dimmed" mb="sm">Everyone who can open this Workspace and the path that grants it; the highest role wins. {w.effectiveAccessTotal > w.effectiveAccess.length && `Showing ${w.effectiveAccess.length} of ${w.effectiveAccessTotal}.`}</Text>
        <Table aria-label="Effective access">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Access via</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {w.effectiveAccess.map((e) => (
              <Table.Tr key={e.user.id}>
                <Table.Td>{e.user.name} <Text span c="dimmed" size="sm">{e.user.email}</Text></Table.Td>
                <Table.Td>{WORKSPACE_ROLE_LABELS[e.role]}</Table.Td>
                <Table.Td><AccessPathBadges paths={e.paths} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
