import { Alert, Anchor, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SnapshotListItem } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePages } from '../../../shared/usePages';
import { fetchSnapshots, generateSnapshot, reviewKeys, snapshotExportUrl } from '../api';
import { SnapshotReportModal } from './SnapshotReportModal';

function SnapshotsTable({ items, canManage, onOpen }: { items: SnapshotListItem[]; canManage: boolean; onOpen: (id: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Snapshots" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Generated</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Privileged users</Table.Th>
            <Table.Th>Without passkey</Table.Th>
            <Table.Th>Dormant</Table.Th>
            <Table.Th>Invitations</Table.Th>
            <Table.Th>Active tokens</Table.Th>
            <Table.Th>Export</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component="button" size="sm" onClick={() => onOpen(s.id)}>
                  {new Date(s.createdAt).toLocaleString()}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.createdBy}</Table.Td>
              <Table.Td>{s.summary.privilegedUsers}</Table.Td>
              <Table.Td>{s.summary.passkeyGaps}</Table.Td>
              <Table.Td>
                {s.summary.dormantPrivileged}{' '}
                <Text span size="xs" c="dimmed">
                  ({s.dormantDays} days)
                </Text>
              </Table.Td>
              <Table.Td>
                {s.summary.pendingInvitations} pending, {s.summary.expiredInvitations} expired
              </Table.Td>
              <Table.Td>{s.summary.activeTokens}</Table.Td>
              <Table.Td>
                {canManage ? (
                  <Group gap="xs">
                    {(['csv', 'json', 'pdf'] as const).map((f) => (
                      <Anchor
                        key={f}
                        href={snapshotExportUrl(s.id, f)}
                        download
                        size="sm"
                        aria-label={`Export snapshot of ${new Date(s.createdAt).toLocaleString()} as ${f.toUpperCase()}`}
                      >
                        {f.toUpperCase()}
                      </Anchor>
                    ))}
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    Needs “Manage access reviews”
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Generate Snapshot" and the stored snapshots, each browsable and exportable as CSV, JSON or PDF. */
export function SnapshotsSection({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const snapshots = usePages(reviewKeys.snapshots, fetchSnapshots);
  const [dormantDays, setDormantDays] = useState<number | string>(90);
  const [open, setOpen] = useState<string | null>(null);
  const generate = useMutation({
    mutationFn: () => generateSnapshot(Number(dormantDays) || 90),
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.snapshots });
      notifications.show({ color: 'green', message: 'Snapshot generated.' });
      setOpen(made.id);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not generate the snapshot', message: errorMessage(error) }),
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            Snapshots
          </Title>
          <Text size="sm" c="dimmed">
            A point-in-time report of privileged access, invitations, passkey gaps, dormant accounts and tokens.
          </Text>
        </div>
        {canManage && (
          <Group align="flex-end">
            <NumberInput label="Dormant after (days)" min={1} max={3650} value={dormantDays} onChange={setDormantDays} w={170} />
            <Button color="indigo.7" loading={generate.isPending} onClick={() => generate.mutate()}>
              Generate Snapshot
            </Button>
          </Group>
        )}
      </Group>
      <Card withBorder padding={0}>
        {snapshots.error ? (
          <Alert color="red" m="md">
            {errorMessage(snapshots.error)}
          </Alert>
        ) : (snapshots.data?.items.length ?? 0) === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {snapshots.isLoading ? 'Loading snapshots…' : 'No snapshot yet.'}
          </Text>
        ) : (
          <>
            <SnapshotsTable items={snapshots.data!.items} canManage={canManage} onOpen={setOpen} />
            <LoadMore {...snapshots.more} />
          </>
        )}
      </Card>
      <SnapshotReportModal id={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
