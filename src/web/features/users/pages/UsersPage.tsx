import { Alert, Button, Card, Center, Group, Loader, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDownload, IconMailForward, IconSearchOff, IconUserPlus, IconUsers, IconUsersGroup, IconShieldLock } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { UserFilter } from '../../../../contracts/users';
import { errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { InviteDialog } from '../../invitations';
import { exportCsvUrl, fetchUsers } from '../api';
import { BulkActionBar, type Selection } from '../components/BulkActions';
import { UserFilters } from '../components/UserFilters';
import { UsersTable } from '../components/UsersTable';
import { useUserListParams } from '../hooks/useUserListParams';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

const PAGE_SIZE = 50;

export function UsersPage() {
  const can = useCan();
  const { params, update, toggleSort, nextPage, previousPage, reset, pageNumber } = useUserListParams();
  const [inviteOpen, setInviteOpen] = useState(false);
  const [selection, setSelection] = useState<Selection>({ ids: [], allMatching: false });

  const filter: UserFilter = useMemo(
    () => ({ search: params.search || undefined, roleId: params.roleId, groupId: params.groupId, status: params.status, lastActive: params.lastActive }),
    [params.search, params.roleId, params.groupId, params.status, params.lastActive],
  );
  const query = { ...filter, sort: params.sort, order: params.order, cursor: params.cursor, limit: PAGE_SIZE };
  const users = useQuery({ queryKey: ['users', 'list', query], queryFn: () => fetchUsers(query), placeholderData: keepPreviousData });

  // A different view is a different set of rows: the selection does not carry over.
  const viewKey = JSON.stringify(query);
  useEffect(() => setSelection({ ids: [], allMatching: false }), [viewKey]);
  // A new page starts at its top row.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [params.cursor]);

  const items = users.data?.items ?? [];
  const total = users.data?.total ?? 0;
  const filtered = Boolean(filter.search || filter.roleId || filter.groupId || filter.status || filter.lastActive);
  const selectedSet = new Set(selection.ids);
  const firstRow = (pageNumber - 1) * PAGE_SIZE + 1;

  function toggle(id: string) {
    setSelection((s) => ({ allMatching: false, ids: s.ids.includes(id) ? s.ids.filter((x) => x !== id) : [...s.ids, id] }));
  }
  function togglePage() {
    setSelection((s) => (s.allMatching || (items.length > 0 && items.every((u) => s.ids.includes(u.id))) ? { ids: [], allMatching: false } : { ids: items.map((u) => u.id), allMatching: false }));
  }

  if (forbiddenPermission(users.error)) return <LoadFailure error={users.error} title="Could not load users" />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2}>Users</Title>
          <Text c="dimmed" size="sm">
            {users.data ? `${total.toLocaleString()} ${filtered ? 'matching' : ''} ${total === 1 ? 'user' : 'users'}`.replace('  ', ' ') : 'Everyone in your organization, with their role, groups and status.'}
          </Text>
        </div>
        <Group gap="xs">
          {can('roles.view') && (
            <Button component={Link} to="/admin/roles" variant="default" leftSection={<IconShieldLock size={16} />}>Manage Roles</Button>
          )}
          {can('groups.view') && (
            <Button component={Link} to="/admin/groups" variant="default" leftSection={<IconUsersGroup size={16} />}>Manage Groups</Button>
          )}
          <Button component={Link} to="/admin/invitations" variant="default" leftSection={<IconMailForward size={16} />}>Invitations</Button>
          {can('users.invite') && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviteOpen(true)}>Invite New User</Button>
          )}
        </Group>
      </Group>

      <Card withBorder padding="md">
        <UserFilters
          params={params}
          onChange={(patch, replace) => update(patch, replace)}
          onReset={reset}
          end={
            <Button
              component="a"
              href={exportCsvUrl({ ...filter, sort: params.sort, order: params.order })}
              download="users.csv"
              variant="subtle"
              leftSection={<IconDownload size={16} />}
              disabled={total === 0}
            >
              Export CSV
            </Button>
          }
        />

        <BulkActionBar
          selection={selection}
          total={total}
          pageCount={items.length}
          filter={filter}
          onSelectAllMatching={() => setSelection({ ids: [], allMatching: true })}
          onClear={() => setSelection({ ids: [], allMatching: false })}
        />

        {users.isError ? (
          <Alert color="red" title="Could not load users">{errorMessage(users.error)}</Alert>
        ) : users.isLoading ? (
          <Stack gap="xs" aria-label="Loading users">
            {Array.from({ length: 8 }, (_, i) => <Skeleton key={i} h={36} radius="sm" />)}
          </Stack>
        ) : items.length === 0 ? (
          <EmptyState filtered={filtered} onReset={reset} onInvite={can('users.invite') ? () => setInviteOpen(true) : undefined} />
        ) : (
          <div style={{ position: 'relative', opacity: users.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
            <UsersTable
              users={items}
              sort={params.sort}
              order={params.order}
              onSort={toggleSort}
              selected={selectedSet}
              allMatching={selection.allMatching}
              onToggle={toggle}
              onTogglePage={togglePage}
            />
            {users.isFetching && users.isPlaceholderData && (
              <Center pos="absolute" top={60} left={0} right={0}><Loader size="sm" /></Center>
            )}
          </div>
        )}

        {items.length > 0 && (
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed">
              {firstRow.toLocaleString()}–{(firstRow + items.length - 1).toLocaleString()} of {total.toLocaleString()}
            </Text>
            <Group gap="xs">
              <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={pageNumber === 1} onClick={previousPage}>
                Previous
              </Button>
              <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} />} disabled={!users.data?.nextCursor} onClick={() => users.data?.nextCursor && nextPage(users.data.nextCursor)}>
                Next
              </Button>
            </Group>
          </Group>
        )}
      </Card>

      {inviteOpen && <InviteDialog opened onClose={() => setInviteOpen(false)} />}
    </Stack>
  );
}

function EmptyState({ filtered, onReset, onInvite }: { filtered: boolean; onReset: () => void; onInvite?: () => void }) {
  return (
    <Center py={56}>
      <Stack align="center" gap="xs" maw={380} ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          {filtered ? <IconSearchOff size={24} /> : <IconUsers size={24} />}
        </ThemeIcon>
        <Text fw={600}>{filtered ? 'No users match this view' : 'No users yet'}</Text>
        <Text size="sm" c="dimmed">
          {filtered ? 'Try another search, or clear the filters to see everyone.' : 'Invite the first people of your organization; they appear here as invited until they accept.'}
        </Text>
        {filtered ? (
          <Button variant="light" onClick={onReset}>Clear filters</Button>
        ) : (
          onInvite && <Button leftSection={<IconUserPlus size={16} />} onClick={onInvite}>Invite New User</Button>
        )}
      </Stack>
    </Center>
  );
}
