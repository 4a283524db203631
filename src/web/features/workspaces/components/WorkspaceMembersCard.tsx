import { ActionIcon, Button, Card, Group, SegmentedControl, Select, Table, Title } from '@mantine/core';
import { IconTrash, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { WORKSPACE_ROLES } from '../../../../contracts/workspaces';
import { workspaceRoleLabel } from '../labels';
import { ActiveUserPicker } from '../../../shared/ui/ActiveUserPicker';
import type { fetchWorkspace } from '../api';
import type { WorkspaceMembers } from '../hooks/useWorkspaceMembers';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { t } from '../../../shared/i18n';

const roleOptions = () => WORKSPACE_ROLES.map((r) => ({ value: r, label: workspaceRoleLabel(r) }));

/** Direct members (users and groups) with their roles, and the form that adds one. */
export function WorkspaceMembersCard({ w, members }: { w: Awaited<ReturnType<typeof fetchWorkspace>>; members: WorkspaceMembers }) {
  const { change, remove } = members;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('workspace.members')}
      </Title>
      <Table aria-label={t('workspace.members')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workspace.column.member')}</Table.Th>
            <Table.Th>{t('workspace.column.details')}</Table.Th>
            <Table.Th>{t('workspace.column.role')}</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.members.map((m) => (
            <Table.Tr key={`${m.type}-${m.id}`}>
              <Table.Td>
                <Group gap={6}>
                  {m.type === 'user' ? (
                    <IconUser size={16} aria-label={t('workspace.memberType.user')} />
                  ) : (
                    <IconUsersGroup size={16} aria-label={t('workspace.memberType.group')} />
                  )}
                  {m.name}
                </Group>
              </Table.Td>
              <Table.Td>{m.memberCount === null ? m.detail : t('workspace.groupMembers', { count: m.memberCount })}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('workspace.roleOf', { name: m.name })}
                  data={roleOptions()}
                  value={m.role}
                  allowDeselect={false}
                  w={130}
                  onChange={(r) => r && change.mutate({ type: m.type, id: m.id, role: r })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('workspace.remove', { name: m.name })}
                  onClick={() => remove.mutate({ type: m.type, id: m.id })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddMemberForm w={w} members={members} />
    </Card>
  );
}

/** Add a user or (outside Personal Workspaces) a group with a role. */
function AddMemberForm({ w, members }: { w: Awaited<ReturnType<typeof fetchWorkspace>>; members: WorkspaceMembers }) {
  const { groups, kind, setKind, user, setUser, groupId, setGroupId, role, setRole, add, addMember } = members;
  return (
    <Group align="flex-end" mt="md">
      <SegmentedControl
        aria-label={t('workspace.memberType')}
        data={[
          { value: 'user', label: t('workspace.memberType.user') },
          ...(w.type === 'personal' ? [] : [{ value: 'group', label: t('workspace.memberType.group') }]),
        ]}
        value={kind}
        onChange={(v) => setKind(v as 'user' | 'group')}
      />
      {kind === 'user' ? (
        <ActiveUserPicker label={t('workspace.memberType.user')} value={user} onChange={setUser} w={320} />
      ) : (
        <Select
          label={t('workspace.memberType.group')}
          searchable
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={groupId}
          onChange={setGroupId}
          w={320}
        />
      )}
      <Select label={t('workspace.column.role')} data={roleOptions()} value={role} onChange={(r) => r && setRole(r)} allowDeselect={false} w={130} />
      <Button onClick={addMember} loading={add.isPending} disabled={kind === 'user' ? !user : !groupId}>
        {t('workspace.add')}
      </Button>
    </Group>
  );
}
