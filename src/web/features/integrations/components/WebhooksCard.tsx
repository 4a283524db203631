import { Alert, Button, Card, Group, Loader, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { createWebhookEndpoint, disableWebhookEndpoint, fetchWebhookDeliveries, fetchWebhookEndpoints, webhooksKey } from '../api';
import { When } from '../../../shared/When';
import { SecretOnceModal } from './SecretOnceModal';

/** Endpoints that receive ownership and collaborator changes, and the deliveries made to them. */
export function WebhooksCard() {
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey: webhooksKey, queryFn: fetchWebhookEndpoints });
  const deliveries = useQuery({ queryKey: [...webhooksKey, 'deliveries'], queryFn: fetchWebhookDeliveries });
  const [opened, { open, close }] = useDisclosure(false);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createWebhookEndpoint(url.trim(), description.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      close();
      setUrl('');
      setDescription('');
      setSecret(created.secret);
    },
  });
  const disable = useMutation({
    mutationFn: disableWebhookEndpoint,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      notifications.show({ color: 'green', message: 'Endpoint disabled. Deliveries still queued for it stop.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmDisable = (id: string, endpointUrl: string) =>
    modals.openConfirmModal({
      title: 'Disable this endpoint?',
      children: <Text size="sm">{endpointUrl} stops receiving ownership and collaborator changes, including those already queued.</Text>,
      labels: { confirm: 'Disable endpoint', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => disable.mutate(id),
    });
  const urlOf = new Map(endpoints.data?.items.map((e) => [e.id, e.url]) ?? []);

  return (
    <Card withBorder padding="lg" component="section" aria-label="Webhook endpoints">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={3} size="h4">Webhook endpoints</Title>
          <Text size="sm" c="dimmed">Sofie posts ownership and collaborator changes here (for example when a user is deleted), signed with the endpoint’s secret and retried until delivered.</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>Add endpoint</Button>
      </Group>
      {endpoints.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : endpoints.error ? (
        <Alert color="red" mt="md">{errorMessage(endpoints.error)}</Alert>
      ) : !endpoints.data?.items.length ? (
        <Text size="sm" c="dimmed" mt="md">No endpoints yet.</Text>
      ) : (
        <Table mt="md" aria-label="Webhook endpoints">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>URL</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Queue</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {endpoints.data.items.map((e) => (
              <Table.Tr key={e.id} data-testid="webhook-row">
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>{e.url}</Text>
                  {e.description && <Text size="xs" c="dimmed">{e.description}</Text>}
                </Table.Td>
                <Table.Td><When iso={e.createdAt} never="—" /></Table.Td>
                <Table.Td><Text size="sm">{e.pending} pending · {e.failed} failed</Text></Table.Td>
                <Table.Td><StatusBadge status={e.disabledAt ? 'disabled' : 'active'} /></Table.Td>
                <Table.Td ta="right">
                  {!e.disabledAt && <Button size="xs" variant="subtle" color="red" onClick={() => confirmDisable(e.id, e.url)} aria-label={`Disable ${e.url}`}>Disable</Button>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Title order={4} size="h5" mt="lg">Recent deliveries</Title>
      {!deliveries.data?.items.length ? (
        <Text size="sm" c="dimmed" mt="xs">Nothing sent yet.</Text>
      ) : (
        <Table mt="xs" aria-label="Recent deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Endpoint</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th>Queued</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td><Text size="sm" ff="monospace">{d.eventType}</Text></Table.Td>
                <Table.Td><Text size="sm" style={{ wordBreak: 'break-all' }}>{urlOf.get(d.endpointId) ?? '—'}</Text></Table.Td>
                <Table.Td><StatusBadge status={d.status} /></Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td><Text size="sm">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</Text></Table.Td>
                <Table.Td><When iso={d.createdAt} never="—" /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal opened={opened} onClose={close} title="Add webhook endpoint">
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Stack>
            <TextInput label="URL" description="HTTPS address, reachable on the public internet, that accepts POST requests." required value={url} onChange={(e) => setUrl(e.currentTarget.value)} placeholder="https://hooks.example.com/sofie" data-autofocus />
            <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={300} />
            {create.error && <Alert color="red" role="alert">{errorMessage(create.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={create.isPending} disabled={url.trim().length < 8}>Add endpoint</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <SecretOnceModal
        title="Endpoint added"
        label="Signing secret"
        secret={secret}
        hint="Each delivery carries x-sofie-timestamp (Unix seconds) and x-sofie-signature: sha256=<HMAC-SHA256 of “timestamp.body” with this secret>. Check both before trusting a delivery, and refuse timestamps more than 5 minutes old (see the README)."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
