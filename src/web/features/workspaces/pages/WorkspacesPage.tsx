import { Anchor, Badge, Button, Card, Group, Loader, Modal, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { WORKSPACE_TYPES, type Workspace, type WorkspaceType } from '../../../../contracts/workspaces';
import { workspaceTypeLabel } from '../labels';
import { errorMessage } from '../../../shared/api';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { createWorkspace, fetchWorkspaces } from '../api';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { t } from '../../../shared/i18n';

const TYPE_OPTIONS = WORKSPACE_TYPES.map((type) => ({ value: type, label: workspaceTypeLabel(type) }));

export function WorkspacesPage() {
  const [search, setSearch] = useState('');
  const [type, setType] = useState<WorkspaceType | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const [opened, { open, close }] = useDisclosure(false);
  const workspaces = useQuery({
    queryKey: ['workspaces', debounced, type],
    queryFn: () => fetchWorkspaces({ search: debounced || undefined, type: type ?? undefined, limit: 200 }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {t('workspaces.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>
          {t('workspaces.new')}
        </Button>
      </Group>
      <Card withBorder>
        <Group mb="md" wrap="wrap">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('workspaces.search')}
            aria-label={t('workspaces.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '1 1 200px' }}
          />
          <Select
            aria-label={t('workspaces.type')}
            placeholder={t('workspaces.allTypes')}
            clearable
            data={TYPE_OPTIONS}
            value={type}
            onChange={(v) => setType(v)}
            w={{ base: '100%', xs: 200 }}
          />
        </Group>
        {workspaces.isLoading ? (
          <Loader />
        ) : workspaces.isError ? (
          <LoadFailure error={workspaces.error} title={t('workspaces.loadFailed')} onRetry={() => void workspaces.refetch()} />
        ) : !workspaces.data?.items.length ? (
          <Text c="dimmed">{t('workspaces.empty')}</Text>
        ) : (
          <WorkspacesTable items={workspaces.data.items} />
        )}
      </Card>
      <NewWorkspaceModal opened={opened} onClose={close} />
    </>
  );
}

/** Name, type, owner and members; ↑/↓ and Enter from the keyboard; on a narrow screen it scrolls sideways inside its card. */
function WorkspacesTable({ items }: { items: Workspace[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped highlightOnHover aria-label={t('workspaces.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workspaces.column.name')}</Table.Th>
            <Table.Th>{t('workspaces.column.type')}</Table.Th>
            <Table.Th>{t('workspaces.column.owner')}</Table.Th>
            <Table.Th>{t('workspaces.column.members')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((w, index) => (
            <Table.Tr key={w.id} data-testid="workspace-row" {...rowNavigation(index, () => void navigate(`/admin/workspaces/${w.id}`))}>
              <Table.Td>
                <Anchor component={Link} to={`/admin/workspaces/${w.id}`}>
                  {w.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" styles={{ label: { overflow: 'visible' } }}>
                  {workspaceTypeLabel(w.type)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {w.owner?.name ?? (
                  <Text c="dimmed" span>
                    {t('workspaces.organizationOwner')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t('workspaces.membersSummary', {
                  people: t('workspaces.people', { count: w.userMemberCount }),
                  groups: t('workspaces.groups', { count: w.groupMemberCount }),
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NewWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<WorkspaceType>('collaborative');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState<PickedUser | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createWorkspace>[0]) => createWorkspace(body),
    onSuccess: (ws) => {
      void queryClient.invalidateQueries({ queryKey: ['workspaces'] });
      notifications.show({ color: 'green', message: t('workspaces.created', { type: workspaceTypeLabel(ws.type), name: ws.name }) });
      onClose();
      void navigate(`/admin/workspaces/${ws.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('workspaces.new')}>
      <Stack>
        <TextInput label={t('workspaces.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <Select label={t('workspaces.type')} data={TYPE_OPTIONS} value={type} onChange={(v) => v && setType(v)} allowDeselect={false} />
        <Textarea label={t('workspaces.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <ActiveUserPicker label={t('workspaces.ownerDefault')} value={owner} onChange={setOwner} />
        {create.error && (
          <Text c="red" size="sm">
            {errorMessage(create.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => create.mutate({ name, type, description: description || undefined, ownerUserId: owner?.id })}
            loading={create.isPending}
            disabled={!name.trim()}
          >
            {t('workspaces.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
