import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { createRoleMapping, fetchRoleMappings, removeRoleMapping, roleMappingsKey } from '../api';
import { t } from '../../../shared/i18n';

type Mapping = Awaited<ReturnType<typeof fetchRoleMappings>>['items'][number];

function MappingsTable({ items, onRemove }: { items: Mapping[]; onRemove: (id: string, label: string) => void }) {
  return (
    <Table aria-label={t('mapping.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('mapping.idpGroup')}</Table.Th>
          <Table.Th>{t('mapping.role')}</Table.Th>
          <Table.Th>{t('mapping.madeBy')}</Table.Th>
          <Table.Th>{t('integrations.status')}</Table.Th>
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
                  {t('mapping.active')}
                </Badge>
              ) : (
                <Tooltip label={m.inactiveReason} multiline w={320}>
                  <Badge color="orange" variant="dot" c="var(--mantine-color-text)" tt="none">
                    {t('mapping.notApplied')}
                  </Badge>
                </Tooltip>
              )}
            </Table.Td>
            <Table.Td ta="right">
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('mapping.removeLabel', { group: m.group.name, role: m.role.name })}
                onClick={() => onRemove(m.id, `${m.group.name} → ${m.role.name}`)}
              >
                {t('integrations.remove')}
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
  const changed = t('mapping.changed', { count: outcome.changed });
  if (outcome.refused.length === 0) return t('mapping.outcome', { done, changed });
  const [first] = outcome.refused;
  return t('mapping.outcomeRefused', { done, changed, refused: outcome.refused.length, email: first.email, message: first.message });
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
    mutationFn: (chosen: { groupId: string; roleId: string }) => createRoleMapping(chosen.groupId, chosen.roleId),
    onSuccess: (outcome) => {
      refresh();
      setGroupId(null);
      setRoleId(null);
      const m = outcome.mapping!;
      notifications.show({
        color: outcome.refused.length ? 'orange' : 'green',
        message: outcomeText(outcome, t('mapping.added', { group: m.group.name, role: m.role.name })),
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: removeRoleMapping,
    onSuccess: (outcome) => {
      refresh();
      notifications.show({ color: outcome.refused.length ? 'orange' : 'green', message: outcomeText(outcome, t('mapping.removed')) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = mappings.firstPage;
  const mapped = new Set(mappings.items.map((m) => m.group.id));
  const confirmRemove = (id: string, label: string) =>
    modals.openConfirmModal({
      title: t('mapping.removeTitle', { label }),
      children: <Text size="sm">{t('mapping.removeText')}</Text>,
      labels: { confirm: t('mapping.removeConfirm'), cancel: t('integrations.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(id),
    });

  return (
    <Stack gap="xs" component="section" aria-label={t('mapping.title')}>
      <Title order={3} size="h5">
        {t('mapping.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('mapping.intro')}
      </Text>
      {mappings.error && <Alert color="red">{errorMessage(mappings.error)}</Alert>}
      {mappings.items.length > 0 && <MappingsTable items={mappings.items} onRemove={confirmRemove} />}
      <LoadMore {...mappings.more} />
      {data && (
        <Group align="flex-end" gap="sm">
          <Select
            label={t('mapping.idpGroup')}
            placeholder={data.groups.length ? t('mapping.pickGroup') : t('mapping.noGroup')}
            data={data.groups.filter((g) => !mapped.has(g.id)).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            searchable
            w={260}
          />
          <Select
            label={t('mapping.role')}
            placeholder={t('mapping.pickRole')}
            data={data.roles.map((r) => ({ value: r.id, label: r.name }))}
            value={roleId}
            onChange={setRoleId}
            w={220}
          />
          <Button onClick={() => groupId && roleId && create.mutate({ groupId, roleId })} disabled={!groupId || !roleId} loading={create.isPending}>
            {t('mapping.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
