import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { Alert, Anchor, Button, Card, Center, Checkbox, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconTrash, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { GroupDetail, Group as GroupSummary } from '../../../../contracts/groups';
import { ApiError, errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { formatDate } from '../../../shared/format';
import { addGroupMembers, deleteGroup, fetchGroup, groupKeys, removeGroupMembers, updateGroup } from '../api';
import { AddMembersModal } from '../components/AddMembersModal';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { GroupFormModal } from '../components/GroupFormModal';
import { GroupHints, GROUPS_VS_ROLES } from '../components/GroupHint';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

type Dialog = 'edit' | 'add' | 'remove' | 'delete' | null;

/** /admin/groups/:id — a group, its members, and the changes a group manager can make. */
export function GroupDetailPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const manage = can('groups.manage');
  const reasonRequired = useReasonRequired();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const group = useQuery({ queryKey: groupKeys.detail(id), queryFn: () => fetchGroup(id) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selected, setSelected] = useState<string[]>([]);

  function updated(data: GroupDetail) {
    queryClient.setQueryData(groupKeys.detail(id), data);
    void queryClient.invalidateQueries({ queryKey: groupKeys.all, exact: true });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['user'] });
  }

  if (group.isLoading) return <Center h={300}><Loader aria-label="Loading group" /></Center>;
  if (forbiddenPermission(group.error)) return <LoadFailure error={group.error} title="Could not load the group" />;
  if (!group.data) {
    const notFound = group.error instanceof ApiError && group.error.status === 404;
    return (
      <Alert color={notFound ? 'gray' : 'red'} title={notFound ? 'Group not found' : 'Could not load the group'}>
        {errorMessage(group.error)}
        <Button component={Link} to="/admin/groups" variant="light" size="xs" mt="sm" display="block" w="fit-content">Back to Manage Groups</Button>
      </Alert>
    );
  }
  const g = group.data;
  const memberIds = new Set(g.members.map((m) => m.id));
  const allSelected = g.members.length > 0 && selected.length === g.members.length;

  return (
    <Stack gap="md" maw={1200}>
      <Anchor c="indigo.8" component={Link} to="/admin/groups" size="sm">
        <Group gap={4}><IconArrowLeft size={14} /> Manage Groups</Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Title order={2}>{g.name}</Title>
          <Text c={g.description ? undefined : 'gray.7'} mt={4}>{g.description || 'No description.'}</Text>
          <Text size="sm" c="gray.7" mt={4}>
            <span data-testid="group-member-count">{g.memberCount} member{g.memberCount === 1 ? '' : 's'}</span> · created {formatDate(g.createdAt)}
          </Text>
          <Stack gap={2} mt={6}><GroupHints hints={g.hints} /></Stack>
        </div>
        {manage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setDialog('edit')}>Edit</Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog('delete')}>Delete group</Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="gray.7">{GROUPS_VS_ROLES}</Text>

      <Card withBorder padding={0}>
        <Group justify="space-between" p="md">
          <Title order={3} size="h4">Members</Title>
          {manage && (
            <Group gap="xs">
              {selected.length > 0 && (
                <Button variant="light" color="red" leftSection={<IconUserMinus size={16} />} onClick={() => setDialog('remove')}>
                  Remove {selected.length} selected
                </Button>
              )}
              <Button color="indigo.7" leftSection={<IconUserPlus size={16} />} onClick={() => setDialog('add')}>Add members</Button>
            </Group>
          )}
        </Group>
        {g.members.length === 0 ? (
          <Text c="gray.7" px="md" pb="md">No members yet.</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md" aria-label="Members">
              <Table.Thead>
                <Table.Tr>
                  {manage && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Select all members"
                        checked={allSelected}
                        indeterminate={selected.length > 0 && !allSelected}
                        onChange={() => setSelected(allSelected ? [] : g.members.map((m) => m.id))}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Added</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.members.map((m) => (
                  <Table.Tr key={m.id} bg={selected.includes(m.id) ? 'var(--mantine-color-indigo-light)' : undefined}>
                    {manage && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select ${m.name || m.email}`}
                          checked={selected.includes(m.id)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setSelected((s) => (on ? [...s, m.id] : s.filter((x) => x !== m.id)));
                          }}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      {can('users.view') ? <Anchor c="indigo.8" component={Link} to={`/admin/users/${m.id}`} size="sm">{m.name || m.email}</Anchor> : m.name}
                    </Table.Td>
                    <Table.Td><Text size="sm">{m.email}</Text></Table.Td>
                    <Table.Td><StatusBadge status={m.status} /></Table.Td>
                    <Table.Td><Text size="sm" c="gray.7">{formatDate(m.addedAt)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      {dialog === 'edit' && (
        <GroupFormModal
          title="Edit group"
          submitLabel="Save"
          initial={{ name: g.name, description: g.description }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const data = await updateGroup(g.id, { name: v.name, description: v.description, reason: v.reason });
            updated(data);
            notifications.show({ color: 'green', message: `Group ${data.name} saved.` });
          }}
        />
      )}
      {dialog === 'add' && (
        <AddMembersModal
          groupName={g.name}
          memberIds={memberIds}
          onClose={() => setDialog(null)}
          onSubmit={async (userIds, reason) => {
            const data = await addGroupMembers(g.id, userIds, reason);
            updated(data);
            notifications.show({ color: 'green', message: `Added ${userIds.length} member${userIds.length === 1 ? '' : 's'} to ${data.name}.` });
          }}
        />
      )}
      {dialog === 'remove' && (
        <ConfirmWithReasonModal
          title={`Remove ${selected.length} member${selected.length === 1 ? '' : 's'}?`}
          confirmLabel="Remove from group"
          reasonRequired={reasonRequired}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            const count = selected.length;
            const data = await removeGroupMembers(g.id, selected, reason);
            setSelected([]);
            updated(data);
            notifications.show({ color: 'green', message: `Removed ${count} member${count === 1 ? '' : 's'} from ${data.name}.` });
          }}
        >
          {g.members.filter((m) => selected.includes(m.id)).slice(0, 5).map((m) => m.name || m.email).join(', ')}
          {selected.length > 5 ? ` and ${selected.length - 5} more` : ''} leave {g.name}. Their accounts and roles stay as they are.
        </ConfirmWithReasonModal>
      )}
      {dialog === 'delete' && (
        <ConfirmWithReasonModal
          title={`Delete ${g.name}?`}
          confirmLabel="Delete group"
          reasonRequired={reasonRequired}
          typeToConfirm={g.name}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            await deleteGroup(g.id, reason);
            queryClient.removeQueries({ queryKey: groupKeys.detail(g.id) });
            // The list must not show the deleted group while it refetches.
            queryClient.setQueryData<{ items: GroupSummary[] }>(groupKeys.all, (old) => (old ? { items: old.items.filter((x) => x.id !== g.id) } : old));
            void queryClient.invalidateQueries({ queryKey: groupKeys.all });
            void queryClient.invalidateQueries({ queryKey: ['users'] });
            notifications.show({ color: 'green', message: `Group ${g.name} deleted. Its ${g.memberCount} member${g.memberCount === 1 ? '' : 's'} keep their accounts.` });
            navigate('/admin/groups');
          }}
        >
          The group and its {g.memberCount} membership{g.memberCount === 1 ? '' : 's'} are removed. Members keep their accounts and roles.
        </ConfirmWithReasonModal>
      )}
    </Stack>
  );
}
