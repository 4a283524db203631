import { Code, Drawer, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEvent } from '../../../../contracts/audit';
import { formatDateTime } from '../../../shared/format';
import { actionLabel, categoryLabel, riskLabel, subjectLabel } from '../view';
import { t, tOr } from '../../../shared/i18n';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Title order={3} size="h6" mb={4}>
        {label}
      </Title>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          {t('security.drawer.nothing')}
        </Text>
      ) : (
        <Code block translate="no">
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </div>
  );
}

/** One event in full: who, what, to whom, why, from where (IP, user agent), the request, and before/after. */
export function EventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  // The third element marks values that are data (codes, ids, what a browser sent): never translated.
  const rows: [string, string, boolean?][] = event
    ? [
        [t('security.drawer.time'), formatDateTime(event.createdAt)],
        [t('security.drawer.action'), event.action, true],
        [t('security.events.category'), categoryLabel(event.category)],
        [t('security.events.risk'), riskLabel(event.risk)],
        [t('security.events.actor'), event.actor?.label ?? t('security.events.system')],
        [
          t('security.events.subject'),
          event.subject
            ? t('security.drawer.subject', { label: subjectLabel(event.subject), type: tOr(`security.subjectType.${event.subject.type}`, event.subject.type) })
            : '—',
        ],
        [t('security.drawer.reason'), event.reason ?? '—'],
        [t('security.drawer.ip'), event.ip ?? '—', true],
        [t('security.drawer.userAgent'), event.userAgent ?? '—', true],
        [t('security.drawer.requestId'), event.requestId ?? '—', true],
        [t('security.drawer.eventId'), event.id, true],
      ]
    : [];
  return (
    <Drawer opened={event !== null} onClose={onClose} position="right" size="lg" title={event ? actionLabel(event.action) : ''}>
      {event && (
        <Stack>
          <Table withRowBorders={false}>
            <Table.Tbody>
              {rows.map(([label, value, data]) => (
                <Table.Tr key={label}>
                  <Table.Th w={120} style={{ verticalAlign: 'top' }}>
                    {label}
                  </Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word' }} translate={data ? 'no' : undefined}>
                    {value}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Json label={t('security.drawer.before')} value={event.before as unknown} />
          <Json label={t('security.drawer.after')} value={event.after as unknown} />
        </Stack>
      )}
    </Drawer>
  );
}
