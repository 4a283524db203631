import { Alert, Button, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
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

type Destination = Awaited<ReturnType<typeof fetchLogStreams>>['items'][number];

function DestinationsTable({ items }: { items: Destination[] }) {
  const queryClient = useQueryClient();
  const remove = useMutation({ mutationFn: removeLogStream, onSettled: () => queryClient.invalidateQueries({ queryKey: logStreamsKey }) });
  const confirmRemove = (d: Destination) =>
    modals.openConfirmModal({
      title: 'Stop streaming to this destination?',
      children: <Text size="sm">{d.name} receives no more audit events, including batches still waiting for it.</Text>,
      labels: { confirm: 'Stop streaming', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(d.id),
    });
  return (
    <Table.ScrollContainer minWidth={720} mt="md">
      <Table aria-label="Log stream destinations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Destination</Table.Th>
            <Table.Th>Waiting</Table.Th>
            <Table.Th>Last delivered</Table.Th>
            <Table.Th>Last error</Table.Th>
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
              <Table.Td>{d.pendingBatches === 1 ? '1 batch' : `${d.pendingBatches} batches`}</Table.Td>
              <Table.Td>
                <When iso={d.lastDeliveredAt} never="Not yet" />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.lastError ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmRemove(d)}>
                  Remove
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
    <Card withBorder padding="lg" component="section" aria-label="Log streaming">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={2} size="h4">
            Log streaming
          </Title>
          <Text size="sm" c="dimmed">
            Every audit event goes to your SIEM within seconds, in JSON batches signed like webhooks. A destination that is down receives what it missed once it
            is back.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>
          Add destination
        </Button>
      </Group>
      {destinations.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : destinations.error ? (
        <Alert color="red" mt="md">
          {errorMessage(destinations.error)}
        </Alert>
      ) : !destinations.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          No destinations yet.
        </Text>
      ) : (
        <DestinationsTable items={destinations.items} />
      )}
      <LoadMore list={destinations} />
      <AddLogStreamModal opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title="Destination added"
        label="Signing secret"
        secret={secret}
        hint="Verify each batch’s X-Sofie-Signature with it, as for webhooks (see Log streaming in the README)."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
