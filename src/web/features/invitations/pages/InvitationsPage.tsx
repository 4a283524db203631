import { Button, Card, Center, SegmentedControl, Skeleton, Stack } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { INVITATION_STATUSES, type InvitationStatus } from '../../../../contracts/invitations';
import { useCan, useMe } from '../../../shared/useMe';
import { fetchInvitations } from '../api';
import { InvitationActionModal } from '../components/InvitationActionModal';
import { InvitationsHeader } from '../components/InvitationsHeader';
import { InvitationsTable } from '../components/InvitationsTable';
import { InviteDialog } from '../components/InviteDialog';
import { NoInvitations } from '../components/NoInvitations';
import { useInvitationActions } from '../hooks/useInvitationActions';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

export function InvitationsPage() {
  const can = useCan();
  const organization = useMe().data?.organization;
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status =
    statusParam === 'all' ? undefined : (INVITATION_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as InvitationStatus) : 'pending';
  const [inviteOpen, setInviteOpen] = useState(false);

  const list = useInfiniteQuery({
    queryKey: ['invitations', status ?? 'all'],
    queryFn: ({ pageParam }) => fetchInvitations({ status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayInvite = can('users.invite');
  const reasonRequired = organization?.businessReasonRequired ?? false;
  const { action, setAction, run, resendDirect } = useInvitationActions(reasonRequired);

  if (forbiddenPermission(list.error)) return <LoadFailure error={list.error} title={t('invitations.loadFailed')} />;

  return (
    <Stack gap="md">
      <InvitationsHeader organization={organization} mayInvite={mayInvite} onInvite={() => setInviteOpen(true)} />

      <Card withBorder>
        <SegmentedControl
          mb="md"
          aria-label={t('invitations.filterByStatus')}
          value={status ?? 'all'}
          onChange={(v) => setSearchParams(v === 'pending' ? {} : { status: v })}
          data={[...INVITATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), { value: 'all', label: t('invitations.filter.all') }]}
        />
        {list.isError ? (
          <LoadFailure error={list.error} title={t('invitations.loadFailed')} onRetry={() => void list.refetch()} />
        ) : list.isLoading ? (
          <Stack gap="xs">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} h={36} radius="sm" />
            ))}
          </Stack>
        ) : items.length === 0 ? (
          <NoInvitations status={status} />
        ) : (
          <InvitationsTable
            items={items}
            mayInvite={mayInvite}
            onResend={(inv) => void resendDirect(inv)}
            onRevoke={(inv) => setAction({ kind: 'revoke', invitation: inv })}
          />
        )}
        {list.hasNextPage && (
          <Center mt="md">
            <Button variant="default" leftSection={<IconMailForward size={16} />} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('invitations.showMore')}
            </Button>
          </Center>
        )}
      </Card>

      {inviteOpen && <InviteDialog opened onClose={() => setInviteOpen(false)} />}
      {action && (
        <InvitationActionModal
          action={action}
          reasonRequired={reasonRequired}
          onConfirm={(reason) => run(action.kind, action.invitation, reason)}
          onClose={() => setAction(null)}
        />
      )}
    </Stack>
  );
}
