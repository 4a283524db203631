import { Alert, Anchor, Button, Card, Center, Group, SegmentedControl, Skeleton, Stack, Table, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconMailForward, IconMailOff, IconSend, IconUserPlus, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { INVITATION_STATUSES, type Invitation, type InvitationStatus } from '../../../../contracts/invitations';
import { errorMessage } from '../../../shared/api';
import { useCan, useMe } from '../../../shared/useMe';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { fetchInvitations, resendInvitation, revokeInvitation } from '../api';
import { InviteDialog } from '../components/InviteDialog';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

dayjs.extend(relativeTime);

const STATUS_LABELS: Record<InvitationStatus, string> = { pending: 'Pending', expired: 'Expired', accepted: 'Accepted', revoked: 'Revoked' };

export function InvitationsPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const organization = useMe().data?.organization;
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = statusParam === 'all' ? undefined : (INVITATION_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as InvitationStatus) : 'pending';
  const [inviteOpen, setInviteOpen] = useState(false);
  const [action, setAction] = useState<{ kind: 'resend' | 'revoke'; invitation: Invitation } | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['invitations', status ?? 'all'],
    queryFn: ({ pageParam }) => fetchInvitations({ status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayInvite = can('users.invite');
  const reasonRequired = organization?.businessReasonRequired ?? false;

  async function run(kind: 'resend' | 'revoke', invitation: Invitation, reason?: string) {
    if (kind === 'resend') {
      await resendInvitation(invitation.id, reason);
      notifications.show({ color: 'green', title: 'Invitation resent', message: `A new link was sent to ${invitation.email}; the previous link no longer works.` });
    } else {
      await revokeInvitation(invitation.id, reason);
      notifications.show({ color: 'gray', title: 'Invitation revoked', message: `${invitation.email} can no longer use their invitation link.` });
    }
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  }

  async function resendDirect(invitation: Invitation) {
    if (reasonRequired) return setAction({ kind: 'resend', invitation });
    try {
      await run('resend', invitation);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not resend', message: errorMessage(error) });
    }
  }

  if (forbiddenPermission(list.error)) return <LoadFailure error={list.error} title="Could not load invitations" />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/admin/users" size="sm" c="dimmed">
            <Group gap={4}><IconArrowLeft size={14} /> Users</Group>
          </Anchor>
          <Title order={2}>Invitations</Title>
          <Text c="dimmed" size="sm">
            Invitation links work once and expire after {organization ? `${organization.invitationExpiryDays} days` : 'the organization’s expiry'}. Resending sends a new link and restarts the expiry.
          </Text>
        </div>
        {mayInvite && <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviteOpen(true)}>Invite New User</Button>}
      </Group>

      <Card withBorder>
        <SegmentedControl
          mb="md"
          aria-label="Filter by status"
          value={status ?? 'all'}
          onChange={(v) => setSearchParams(v === 'pending' ? {} : { status: v })}
          data={[...INVITATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), { value: 'all', label: 'All' }]}
        />
        {list.isError ? (
          <Alert color="red" title="Could not load invitations">{errorMessage(list.error)}</Alert>
        ) : list.isLoading ? (
          <Stack gap="xs">{Array.from({ length: 5 }, (_, i) => <Skeleton key={i} h={36} radius="sm" />)}</Stack>
        ) : items.length === 0 ? (
          <Center py={48}>
            <Stack align="center" gap="xs" ta="center" maw={360}>
              <ThemeIcon size={48} radius="xl" variant="light" color="gray"><IconMailOff size={24} /></ThemeIcon>
              <Text fw={600}>{status ? `No ${STATUS_LABELS[status].toLowerCase()} invitations` : 'No invitations yet'}</Text>
              <Text size="sm" c="dimmed">{status === 'pending' ? 'Everyone you invited has answered, or no one is waiting.' : 'Invitations you send appear here.'}</Text>
            </Stack>
          </Center>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Invited by</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {mayInvite && <Table.Th ta="right">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((inv) => {
                  const open = inv.status === 'pending' || inv.status === 'expired';
                  return (
                    <Table.Tr key={inv.id} data-testid="invitation-row">
                      <Table.Td><Anchor component={Link} to={`/admin/users/${inv.userId}`} size="sm">{inv.email}</Anchor></Table.Td>
                      <Table.Td><Text size="sm">{inv.role.name}</Text></Table.Td>
                      <Table.Td><Text size="sm" c={inv.group ? undefined : 'dimmed'}>{inv.group?.name ?? '—'}</Text></Table.Td>
                      <Table.Td><Text size="sm">{inv.invitedBy?.name ?? '—'}</Text></Table.Td>
                      <Table.Td>
                        <Tooltip label={`First sent ${dayjs(inv.createdAt).format('D MMM YYYY, HH:mm')}`}>
                          <Text size="sm" span>{inv.sentCount === 1 ? 'once' : `${inv.sentCount} times`}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={dayjs(inv.expiresAt).format('D MMM YYYY, HH:mm')}>
                          <Text size="sm" span c={inv.status === 'expired' ? 'orange.8' : undefined}>
                            {inv.status === 'accepted' ? `accepted ${dayjs(inv.acceptedAt).fromNow()}` : inv.status === 'revoked' ? '—' : dayjs(inv.expiresAt).fromNow()}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td><StatusBadge status={inv.status} /></Table.Td>
                      {mayInvite && (
                        <Table.Td>
                          {open && (
                            <Group gap={6} justify="flex-end" wrap="nowrap">
                              <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={() => void resendDirect(inv)} aria-label={`Resend invitation to ${inv.email}`}>
                                Resend
                              </Button>
                              <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={() => setAction({ kind: 'revoke', invitation: inv })} aria-label={`Revoke invitation to ${inv.email}`}>
                                Revoke
                              </Button>
                            </Group>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.hasNextPage && (
          <Center mt="md">
            <Button variant="default" leftSection={<IconMailForward size={16} />} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>Show more</Button>
          </Center>
        )}
      </Card>

      {inviteOpen && <InviteDialog opened onClose={() => setInviteOpen(false)} />}
      {action && (
        <ConfirmWithReasonModal
          title={action.kind === 'revoke' ? 'Revoke invitation?' : 'Resend invitation?'}
          confirmLabel={action.kind === 'revoke' ? 'Revoke invitation' : 'Resend invitation'}
          color={action.kind === 'revoke' ? 'red.8' : 'indigo.7'}
          reasonRequired={reasonRequired}
          onConfirm={(reason) => run(action.kind, action.invitation, reason)}
          onClose={() => setAction(null)}
        >
          {action.kind === 'revoke'
            ? `${action.invitation.email} will no longer be able to use their invitation link. You can invite them again later.`
            : `${action.invitation.email} gets a new link; the previous one stops working and the expiry restarts.`}
        </ConfirmWithReasonModal>
      )}
    </Stack>
  );
}
