import { Table } from '@mantine/core';
import type { SecurityAlert } from '../../../../contracts/alerts';
import type { AlertAction } from './AlertActionModal';
import { AlertRow } from './AlertRow';
import { t } from '../../../shared/i18n';

interface Props {
  items: SecurityAlert[];
  assignees: { value: string; label: string }[];
  onAssign: (alertId: string, assigneeId: string | null) => void;
  onAction: (action: AlertAction) => void;
}

export function AlertsTable({ items, assignees, onAssign, onAction }: Props) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" aria-label={t('alerts.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('alerts.column.time')}</Table.Th>
            <Table.Th>{t('alerts.column.alert')}</Table.Th>
            <Table.Th>{t('alerts.column.risk')}</Table.Th>
            <Table.Th>{t('alerts.column.actor')}</Table.Th>
            <Table.Th>{t('alerts.column.subject')}</Table.Th>
            <Table.Th>{t('alerts.column.assignee')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
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
