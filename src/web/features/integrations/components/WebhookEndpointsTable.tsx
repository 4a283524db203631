import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { disableWebhookEndpoint, webhooksKey, type fetchWebhookEndpoints } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';

type WebhookEndpoint = Awaited<ReturnType<typeof fetchWebhookEndpoints>>['items'][number];

/** The endpoints, their queues and status, each with Disable (confirmed first). */
export function WebhookEndpointsTable({ items }: { items: WebhookEndpoint[] }) {
  const queryClient = useQueryClient();
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

  return (
    <Table mt="md" aria-label="Webhook endpoints">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>URL</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Queue</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id} data-testid="webhook-row">
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {e.url}
              </Text>
              {e.description && (
                <Text size="xs" c="dimmed">
                  {e.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <When iso={e.createdAt} never="—" />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {e.pending} pending · {e.failed} failed
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={e.disabledAt ? 'disabled' : 'active'} />
            </Table.Td>
            <Table.Td ta="right">
              {!e.disabledAt && (
                <Button size="xs" variant="subtle" color="red" onClick={() => confirmDisable(e.id, e.url)} aria-label={`Disable ${e.url}`}>
                  Disable
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
