import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { createRoleMapping, fetchRoleMappings, removeRoleMapping, roleMappingsKey } from '../api';

type Mapping = Awaited<ReturnType<typeof fetchRoleMappings>>['items'][number];

function MappingsTable({ items, onRemove }: { items: Mapping[]; onRemove: (id: string, label: string) => void }) {
  return (
    <Table aria-label="Group-to-role mappings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>IdP group</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>Made by</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((m) => (
          <Table.Tr key={m.id} data-testid="role-mapping-row">
            <Table.Td>{m.group.name}</Table.Td>
            <Table.Td>{m.role.name}</Table.Td>
            <Table.Td>{m.createdBy.name}</Table.Td>
            <Table.Td>
              {m.active ? (
                <Badge color="green" variant="dot" c="var(--mantine-color-text)" tt="none">
                  active
                </Badge>
              ) : (
                <Tooltip label={m.inactiveReason} multiline w={320}>
                  <Badge color="orange" variant="dot" c="var(--mantine-color-text)" tt="none">
                    not applied
                  </Badge>
                </Tooltip>
              )}
            </Table.Td>
            <Table.Td ta="right">
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={`Remove ${m.group.name} → ${m.role.name}`}
                onClick={() => onRemove(m.id, `${m.group.name} → ${m.role.name}`)}
              >
                Remove
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type Outcome = Awaited<ReturnType<typeof createRoleMapping>>;

function outcomeText(outcome: Outcome, done: string): string {
  const changed = `${outcome.changed} ${outcome.changed === 1 ? 'person' : 'people'} changed role`;
  if (outcome.refused.length === 0) return `${done} ${changed}.`;
  return `${done} ${changed}; ${outcome.refused.length} kept their role (${outcome.refused[0].email}: ${outcome.refused[0].message})`;
}

/**
 * Group-to-role mappings: "IdP group X → role Y". Only SCIM groups can be mapped, and only to roles
 * within the administrator's own permissions. The rules for several groups and for leaving are said here.
 */
export function RoleMappingsSection() {
  const queryClient = useQueryClient();
  const mappings = usePagedList(roleMappingsKey, fetchRoleMappings);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: roleMappingsKey });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const create = useMutation({
    mutationFn: () => createRoleMapping(groupId!, roleId!),
    onSuccess: (outcome) => {
      refresh();
      setGroupId(null);
      setRoleId(null);
      const m = outcome.mapping!;
      notifications.show({ color: outcome.refused.length ? 'orange' : 'green', message: outcomeText(outcome, `${m.group.name} → ${m.role.name}:`) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: removeRoleMapping,
    onSuccess: (outcome) => {
      refresh();
      notifications.show({ color: outcome.refused.length ? 'orange' : 'green', message: outcomeText(outcome, 'Mapping removed:') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = mappings.firstPage;
  const mapped = new Set(mappings.items.map((m) => m.group.id));
  const confirmRemove = (id: string, label: string) =>
    modals.openConfirmModal({
      title: `Remove the mapping ${label}?`,
      children: <Text size="sm">Members who got their role from it go back to the default role, unless another mapped group gives them one.</Text>,
      labels: { confirm: 'Remove mapping', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(id),
    });

  return (
    <Stack gap="xs" component="section" aria-label="Group-to-role mappings">
      <Title order={3} size="h5">
        Group-to-role mappings
      </Title>
      <Text size="sm" c="dimmed">
        Members of a mapped IdP group get its role. In several mapped groups, the role with the most permissions wins; in none any more, the default role
        (unless someone changed the role in the console since). You can map only to roles whose permissions you hold.
      </Text>
      {mappings.error && <Alert color="red">{errorMessage(mappings.error)}</Alert>}
      {mappings.items.length > 0 && <MappingsTable items={mappings.items} onRemove={confirmRemove} />}
      <LoadMore list={mappings} />
      {data && (
        <Group align="flex-end" gap="sm">
          <Select
            label="IdP group"
            placeholder={data.groups.length ? 'Pick a group the IdP pushed' : 'No group pushed yet'}
            data={data.groups.filter((g) => !mapped.has(g.id)).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            searchable
            w={260}
          />
          <Select
            label="Role"
            placeholder="Pick a role"
            data={data.roles.map((r) => ({ value: r.id, label: r.name }))}
            value={roleId}
            onChange={setRoleId}
            w={220}
          />
          <Button onClick={() => create.mutate()} disabled={!groupId || !roleId} loading={create.isPending}>
            Add mapping
          </Button>
        </Group>
      )}
    </Stack>
  );
}
