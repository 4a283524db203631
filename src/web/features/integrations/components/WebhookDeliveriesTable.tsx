import { Table, Text } from '@mantine/core';
import type { fetchWebhookDeliveries } from '../api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';

type WebhookDelivery = Awaited<ReturnType<typeof fetchWebhookDeliveries>>['items'][number];

/** Recent deliveries: event, endpoint URL, status, attempts and the last error. */
export function WebhookDeliveriesTable({ items, urlOf }: { items: WebhookDelivery[]; urlOf: Map<string, string> }) {
  return (
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
        {items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {d.eventType}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {urlOf.get(d.endpointId) ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={d.status} />
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            <Table.Td>
              <Text size="sm">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</Text>
            </Table.Td>
            <Table.Td>
              <When iso={d.createdAt} never="—" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
