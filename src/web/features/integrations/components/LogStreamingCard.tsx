import { Alert, Button, Card, Loader, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { When } from '../../../shared/When';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { fetchLogStreams, logStreamsKey, removeLogStream } from '../api';
import { AddLogStreamModal } from './AddLogStreamModal';
import { SecretOnceModal } from './SecretOnceModal';
import { CardHeader } from '../../../shared/ui/CardHeader';
import { t } from '../../../shared/i18n';

type Destination = Awaited<ReturnType<typeof fetchLogStreams>>['items'][number];

function DestinationsTable({ items }: { items: Destination[] }) {
  const queryClient = useQueryClient();
  const remove = useMutation({ mutationFn: removeLogStream, onSettled: () => queryClient.invalidateQueries({ queryKey: logStreamsKey }) });
  const confirmRemove = (d: Destination) =>
    modals.openConfirmModal({
      title: t('logStream.stopTitle'),
      children: <Text size="sm">{t('logStream.stopText', { name: d.name })}</Text>,
      labels: { confirm: t('logStream.stop'), cancel: t('integrations.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(d.id),
    });
  return (
    <Table.ScrollContainer minWidth={720} mt="md">
      <Table aria-label={t('logStream.destinations')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('logStream.destination')}</Table.Th>
            <Table.Th>{t('logStream.waiting')}</Table.Th>
            <Table.Th>{t('logStream.lastDelivered')}</Table.Th>
            <Table.Th>{t('integrations.lastError')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="log-stream-row">
              <Table.Td>
                <Text size="sm" fw={600}>
                  {d.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {d.url}
                </Text>
              </Table.Td>
              <Table.Td>{t('logStream.batches', { count: d.pendingBatches })}</Table.Td>
              <Table.Td>
                <When iso={d.lastDeliveredAt} never={t('integrations.notYet')} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.lastError ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmRemove(d)}>
                  {t('integrations.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every audit event, streamed to the organization's SIEM in signed batches (retried until delivered). */
export function LogStreamingCard() {
  const destinations = usePagedList(logStreamsKey, fetchLogStreams, { refetchInterval: 10_000 });
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Card withBorder padding="lg" component="section" aria-label={t('logStream.title')}>
      <CardHeader
        title={t('logStream.title')}
        description={t('logStream.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('logStream.add')}
          </Button>
        }
      />
      {destinations.isLoading ? (
        <Loader mt="md" aria-label={t('integrations.loading')} />
      ) : destinations.error ? (
        <Alert color="red" mt="md">
          {errorMessage(destinations.error)}
        </Alert>
      ) : !destinations.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('logStream.none')}
        </Text>
      ) : (
        <DestinationsTable items={destinations.items} />
      )}
      <LoadMore {...destinations.more} />
      <AddLogStreamModal opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title={t('logStream.added')}
        label={t('logStream.secret')}
        secret={secret}
        hint={t('logStream.secretHint')}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
