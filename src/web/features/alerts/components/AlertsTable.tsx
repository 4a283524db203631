import { Table } from '@mantine/core';
import type { SecurityAlert } from '../../../../contracts/alerts';
import type { AlertAction } from './AlertActionModal';
import { AlertRow } from './AlertRow';

interface Props {
  items: SecurityAlert[];
  assignees: { value: string; label: string }[];
  onAssign: (alertId: string, assigneeId: string | null) => void;
  onAction: (action: AlertAction) => void;
}

export function AlertsTable({ items, assignees, onAssign, onAction }: Props) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" aria-label="Alerts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th>Risk level</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <AlertRow
              key={a.id}
              alert={a}
              assignees={assignees}
              onAssign={(to) => onAssign(a.id, to)}
              onDismiss={() => onAction({ kind: 'dismiss', alert: a })}
              onEscalate={() => onAction({ kind: 'escalate', alert: a })}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
