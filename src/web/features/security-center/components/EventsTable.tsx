import { Button, Center, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import type { AuditEvent, RiskLevel } from '../../../../contracts/audit';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { useAuditEvents } from '../hooks/useAuditEvents';
import { actionLabel, categoryLabel, RISK_COLORS, riskLabel, subjectLabel, type EventsView } from '../view';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t } from '../../../shared/i18n';

interface Props {
  view: EventsView;
  onOpen: (event: AuditEvent) => void;
  /** Shown when the view has no events. */
  empty: string;
}

/** The view's events, newest (or oldest) first, a keyset page at a time; a row opens the event's detail. */
export function EventsTable({ view, onOpen, empty }: Props) {
  const events = useAuditEvents(view);
  if (events.isLoading)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  if (events.error) return <LoadFailure error={events.error} title={t('security.events.loadFailed')} />;
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <>
      <ScrollTable minWidth={880} striped highlightOnHover aria-label={t('security.events.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('security.events.time')}</Table.Th>
            <Table.Th>{t('security.events.event')}</Table.Th>
            <Table.Th>{t('security.events.actor')}</Table.Th>
            <Table.Th>{t('security.events.subject')}</Table.Th>
            <Table.Th>{t('security.events.category')}</Table.Th>
            <Table.Th>{t('security.events.risk')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event, index) => (
            <Table.Tr key={event.id} data-testid="event-row" {...rowNavigation(index, () => onOpen(event))}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.createdAt)}</Table.Td>
              <Table.Td>
                <UnstyledButton
                  onClick={() => onOpen(event)}
                  aria-label={t('security.events.open', { event: actionLabel(event.action), time: formatDateTime(event.createdAt) })}
                >
                  <Text size="sm" fw={500} td="underline">
                    {actionLabel(event.action)}
                  </Text>
                </UnstyledButton>
                {actionLabel(event.action) !== event.action && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {event.action}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{event.actor?.label ?? t('security.events.system')}</Table.Td>
              <Table.Td>{event.subject ? subjectLabel(event.subject) : '—'}</Table.Td>
              <Table.Td>{categoryLabel(event.category)}</Table.Td>
              <Table.Td>
                <SoftBadge color={RISK_COLORS[event.risk as RiskLevel] ?? 'gray'}>{riskLabel(event.risk)}</SoftBadge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {events.hasNextPage && (
        <Center mt="md">
          <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
            {t('security.events.loadMore')}
          </Button>
        </Center>
      )}
    </>
  );
}
