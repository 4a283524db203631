import { Button, Card, Center, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconSearchOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useCan } from '../../../shared/useMe';
import { BulkJobsPanel } from '../../bulk-jobs';
import { InviteDialog } from '../../invitations';
import { BulkActionBar } from '../components/BulkActions';
import { ExportCsvButton } from '../components/ExportCsvButton';
import { UserFilters } from '../components/UserFilters';
import { UsersPageHeader } from '../components/UsersPageHeader';
import { UsersPager } from '../components/UsersPager';
import { UsersTable } from '../components/UsersTable';
import { useUserSelection } from '../hooks/useUserSelection';
import { useUserListParams } from '../hooks/useUserListParams';
import { useUsersList } from '../hooks/useUsersList';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

const PAGE_SIZE = 50;

export function UsersPage() {
  const can = useCan();
  const { params, update, toggleSort, nextPage, previousPage, reset, pageNumber } = useUserListParams();
  // The command palette's "Invite user" opens the dialog here (/admin/users?invite=1).
  const [inviteOpen, setInviteOpen] = useState(() => new URLSearchParams(window.location.search).get('invite') === '1');

  const list = useUsersList(params, PAGE_SIZE);
  const { filter, users, viewKey, items, total, totalText, filtered } = list;

  // A new page starts at its top row.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [params.cursor]);

  const firstRow = (pageNumber - 1) * PAGE_SIZE + 1;
  const { selection, setSelection, toggle, togglePage } = useUserSelection(items, viewKey);
  const tableProps = {
    sort: params.sort,
    order: params.order,
    onSort: toggleSort,
    selected: new Set(selection.ids),
    onToggle: toggle,
    onTogglePage: togglePage,
  };

  if (forbiddenPermission(users.error)) return <LoadFailure error={users.error} title={t('users.loadFailed')} />;

  return (
    <Stack gap="md">
      <UsersPageHeader {...list} loaded={!!users.data} onInvite={() => setInviteOpen(true)} />

      <BulkJobsPanel />

      <Card withBorder padding="md">
        <UserFilters
          params={params}
          onChange={(patch, replace) => update(patch, replace)}
          onReset={reset}
          end={<ExportCsvButton filter={filter} sort={params.sort} order={params.order} disabled={total === 0} />}
        />

        <BulkActionBar
          selection={selection}
          total={total}
          totalText={totalText}
          pageCount={items.length}
          filter={filter}
          onSelectAllMatching={() => setSelection({ ids: [], allMatching: true })}
          onClear={() => setSelection({ ids: [], allMatching: false })}
        />

        {users.isError ? (
          <LoadFailure error={users.error} title={t('users.loadFailed')} onRetry={() => void users.refetch()} />
        ) : users.isLoading ? (
          <UsersTable users={[]} loadingRows={8} allMatching={false} {...tableProps} />
        ) : items.length === 0 ? (
          <EmptyState filtered={filtered} onReset={reset} onInvite={can('users.invite') ? () => setInviteOpen(true) : undefined} />
        ) : (
          <div style={{ position: 'relative', opacity: users.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
            <UsersTable users={items} allMatching={selection.allMatching} {...tableProps} />
            {users.isFetching && users.isPlaceholderData && (
              <Center pos="absolute" top={60} left={0} right={0}>
                <Loader size="sm" />
              </Center>
            )}
          </div>
        )}

        {items.length > 0 && (
          <UsersPager
            firstRow={firstRow}
            count={items.length}
            totalText={totalText}
            pageNumber={pageNumber}
            nextCursor={users.data?.nextCursor}
            previousPage={previousPage}
            nextPage={nextPage}
          />
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
        <Text fw={600}>{filtered ? t('users.empty.filtered') : t('users.empty.none')}</Text>
        <Text size="sm" c="dimmed">
          {filtered ? t('users.empty.filteredHint') : t('users.empty.noneHint')}
        </Text>
        {filtered ? (
          <Button variant="light" onClick={onReset}>
            {t('users.clearFilters')}
          </Button>
        ) : (
          onInvite && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={onInvite}>
              {t('users.invite')}
            </Button>
          )
        )}
      </Stack>
    </Center>
  );
}
