import { ActionIcon, Button, Card, Group, SegmentedControl, Select, Table, Title } from '@mantine/core';
import { IconTrash, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { WORKSPACE_ROLES, WORKSPACE_ROLE_LABELS } from '../../../../contracts/workspaces';
import { ActiveUserPicker } from '../../../shared/ui/ActiveUserPicker';
import type { fetchWorkspace } from '../api';
import type { WorkspaceMembers } from '../hooks/useWorkspaceMembers';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';

const ROLE_OPTIONS = WORKSPACE_ROLES.map((r) => ({ value: r, label: WORKSPACE_ROLE_LABELS[r] }));

/** Direct members (users and groups) with their roles, and the form that adds one. */
export function WorkspaceMembersCard({ w, members }: { w: Awaited<ReturnType<typeof fetchWorkspace>>; members: WorkspaceMembers }) {
  const { groups, kind, setKind, user, setUser, groupId, setGroupId, role, setRole, add, change, remove } = members;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Members
      </Title>
      <Table aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th>Role</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.members.map((m) => (
            <Table.Tr key={`${m.type}-${m.id}`}>
              <Table.Td>
                <Group gap={6}>
                  {m.type === 'user' ? <IconUser size={16} aria-label="User" /> : <IconUsersGroup size={16} aria-label="Group" />}
                  {m.name}
                </Group>
              </Table.Td>
              <Table.Td>{m.detail}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${m.name}`}
                  data={ROLE_OPTIONS}
                  value={m.role}
                  allowDeselect={false}
                  w={130}
                  onChange={(r) => r && change.mutate({ type: m.type, id: m.id, role: r })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${m.name}`} onClick={() => remove.mutate({ type: m.type, id: m.id })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" mt="md">
        <SegmentedControl
          aria-label="Member type"
          data={[{ value: 'user', label: 'User' }, ...(w.type === 'personal' ? [] : [{ value: 'group', label: 'Group' }])]}
          value={kind}
          onChange={(v) => setKind(v as 'user' | 'group')}
        />
        {kind === 'user' ? (
          <ActiveUserPicker label="User" value={user} onChange={setUser} w={320} />
        ) : (
          <Select
            label="Group"
            searchable
            data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            w={320}
          />
        )}
        <Select label="Role" data={ROLE_OPTIONS} value={role} onChange={(r) => r && setRole(r)} allowDeselect={false} w={130} />
        <Button onClick={() => add.mutate()} loading={add.isPending} disabled={kind === 'user' ? !user : !groupId}>
          Add member
        </Button>
      </Group>
    </Card>
  );
}
