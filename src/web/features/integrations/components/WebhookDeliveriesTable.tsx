import { Table, Text } from '@mantine/core';
import type { fetchWebhookDeliveries } from '../api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t } from '../../../shared/i18n';
import { formatNumber } from '../../../shared/format';

type WebhookDelivery = Awaited<ReturnType<typeof fetchWebhookDeliveries>>['items'][number];

/** Recent deliveries: event, endpoint URL, status, attempts and the last error. */
export function WebhookDeliveriesTable({ items, urlOf }: { items: WebhookDelivery[]; urlOf: Map<string, string> }) {
  return (
    <ScrollTable minWidth={600} mt="xs" aria-label={t('webhook.deliveries')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('webhook.event')}</Table.Th>
          <Table.Th>{t('webhook.endpoint')}</Table.Th>
          <Table.Th>{t('integrations.status')}</Table.Th>
          <Table.Th>{t('webhook.attempts')}</Table.Th>
          <Table.Th>{t('integrations.lastError')}</Table.Th>
          <Table.Th>{t('webhook.queued')}</Table.Th>
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
            <Table.Td>{formatNumber(d.attempts)}</Table.Td>
            <Table.Td>
              <Text size="sm">{d.lastError ?? (d.lastStatusCode ? t('webhook.httpStatus', { code: String(d.lastStatusCode) }) : '—')}</Text>
            </Table.Td>
            <Table.Td>
              <When iso={d.createdAt} never="—" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
