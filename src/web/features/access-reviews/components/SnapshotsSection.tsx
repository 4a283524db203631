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
import { formatDateTime } from '../../../shared/format';
import { t } from '../../../shared/i18n';

function SnapshotsTable({ items, canManage, onOpen }: { items: SnapshotListItem[]; canManage: boolean; onOpen: (id: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={t('snapshots.table')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('snapshots.col.generated')}</Table.Th>
            <Table.Th>{t('snapshots.col.by')}</Table.Th>
            <Table.Th>{t('snapshots.col.privileged')}</Table.Th>
            <Table.Th>{t('snapshots.col.withoutPasskey')}</Table.Th>
            <Table.Th>{t('snapshots.col.dormant')}</Table.Th>
            <Table.Th>{t('snapshots.col.invitations')}</Table.Th>
            <Table.Th>{t('snapshots.col.tokens')}</Table.Th>
            <Table.Th>{t('snapshots.col.export')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component="button" size="sm" onClick={() => onOpen(s.id)}>
                  {formatDateTime(s.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td translate="no">{s.createdBy}</Table.Td>
              <Table.Td>{s.summary.privilegedUsers}</Table.Td>
              <Table.Td>{s.summary.passkeyGaps}</Table.Td>
              <Table.Td>
                {s.summary.dormantPrivileged}{' '}
                <Text span size="xs" c="dimmed">
                  {t('snapshots.days', { count: s.dormantDays })}
                </Text>
              </Table.Td>
              <Table.Td>{t('snapshots.invitations', { pending: s.summary.pendingInvitations, expired: s.summary.expiredInvitations })}</Table.Td>
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
                        aria-label={t('snapshots.exportAs', { date: formatDateTime(s.createdAt), format: f.toUpperCase() })}
                      >
                        <span translate="no">{f.toUpperCase()}</span>
                      </Anchor>
                    ))}
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('snapshots.needsManage')}
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
    mutationFn: (days: number) => generateSnapshot(days),
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.snapshots });
      notifications.show({ color: 'green', message: t('snapshots.generated') });
      setOpen(made.id);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('snapshots.generateFailed'), message: errorMessage(error) }),
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('snapshots.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('snapshots.intro')}
          </Text>
        </div>
        {canManage && (
          <Group align="flex-end">
            <NumberInput label={t('snapshots.dormantAfter')} min={1} max={3650} value={dormantDays} onChange={setDormantDays} w={170} />
            <Button color="indigo.7" loading={generate.isPending} onClick={() => generate.mutate(Number(dormantDays) || 90)}>
              {t('snapshots.generate')}
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
            {t(snapshots.isLoading ? 'snapshots.loading' : 'snapshots.none')}
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
