import { Button, Center, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import type { AuditEvent, AuditCategory, RiskLevel } from '../../../../contracts/audit';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { useAuditEvents } from '../hooks/useAuditEvents';
import { CATEGORY_LABELS, RISK_COLORS, RISK_LABELS, type EventsView } from '../view';

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
  if (events.error) return <LoadFailure error={events.error} title="The events could not be loaded" />;
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Risk level</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event, index) => (
            <Table.Tr key={event.id} data-testid="event-row" {...rowNavigation(index, () => onOpen(event))}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.createdAt)}</Table.Td>
              <Table.Td>
                <UnstyledButton onClick={() => onOpen(event)} aria-label={`Open ${event.action} at ${formatDateTime(event.createdAt)}`}>
                  <Text size="sm" fw={500} td="underline">
                    {event.action}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>{event.actor?.label ?? 'System'}</Table.Td>
              <Table.Td>{event.subject?.label ?? '—'}</Table.Td>
              <Table.Td>{CATEGORY_LABELS[event.category as AuditCategory] ?? event.category}</Table.Td>
              <Table.Td>
                <SoftBadge color={RISK_COLORS[event.risk as RiskLevel] ?? 'gray'}>{RISK_LABELS[event.risk as RiskLevel] ?? event.risk}</SoftBadge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {events.hasNextPage && (
        <Center mt="md">
          <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}
