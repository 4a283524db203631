import { Code, Drawer, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditCategory, AuditEvent, RiskLevel } from '../../../../contracts/audit';
import { formatDateTime } from '../../../shared/format';
import { CATEGORY_LABELS, RISK_LABELS } from '../view';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Title order={3} size="h6" mb={4}>
        {label}
      </Title>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          Nothing recorded
        </Text>
      ) : (
        <Code block>{JSON.stringify(value, null, 2)}</Code>
      )}
    </div>
  );
}

/** One event in full: who, what, to whom, why, from where (IP, user agent), the request, and before/after. */
export function EventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const rows: [string, string][] = event
    ? [
        ['Time', formatDateTime(event.createdAt)],
        ['Category', CATEGORY_LABELS[event.category as AuditCategory] ?? event.category],
        ['Risk level', RISK_LABELS[event.risk as RiskLevel] ?? event.risk],
        ['Actor', event.actor?.label ?? 'System'],
        ['Subject', event.subject ? `${event.subject.label} (${event.subject.type})` : '—'],
        ['Reason', event.reason ?? '—'],
        ['IP address', event.ip ?? '—'],
        ['User agent', event.userAgent ?? '—'],
        ['Request id', event.requestId ?? '—'],
        ['Event id', event.id],
      ]
    : [];
  return (
    <Drawer opened={event !== null} onClose={onClose} position="right" size="lg" title={event?.action ?? ''}>
      {event && (
        <Stack>
          <Table withRowBorders={false}>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={120} style={{ verticalAlign: 'top' }}>
                    {label}
                  </Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Json label="Before" value={event.before as unknown} />
          <Json label="After" value={event.after as unknown} />
        </Stack>
      )}
    </Drawer>
  );
}
