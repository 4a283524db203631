import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { SecurityAlert } from '../../../../contracts/alerts';
import { When } from '../../../shared/When';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { RISK_COLORS } from './riskColors';
import { alertTitle } from './alertTitle';
import { t, tOr } from '../../../shared/i18n';

interface Props {
  alert: SecurityAlert;
  assignees: { value: string; label: string }[];
  onAssign: (assigneeId: string | null) => void;
  onDismiss: () => void;
  onEscalate: () => void;
}

export function AlertRow({ alert, assignees, onAssign, onDismiss, onEscalate }: Props) {
  const open = alert.status === 'open';
  return (
    <Table.Tr data-testid="alert-row">
      <Table.Td>
        <When iso={alert.createdAt} never="" />
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {alertTitle(alert)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`alerts.rule.${alert.rule}`)}
            {alert.escalatedAt ? t('alerts.escalatedMark') : ''}
            {alert.dismissReason ? t('alerts.dismissedMark', { reason: alert.dismissReason }) : ''}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td style={{ minWidth: 96 }}>
        <SoftBadge color={RISK_COLORS[alert.risk] ?? 'gray'}>{tOr(`security.risk.${alert.risk}`, alert.risk)}</SoftBadge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{alert.actor?.label ?? t('alerts.system')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{alert.subject?.label ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('alerts.assigneeOf', { title: alertTitle(alert) })}
          placeholder={t('alerts.unassigned')}
          data={assignees}
          value={alert.assignee?.id ?? null}
          onChange={onAssign}
          clearable
          disabled={!open}
          w={170}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {alert.link && (
            <Anchor component={Link} to={alert.link} size="sm">
              {t('alerts.review')}
            </Anchor>
          )}
          {open && (
            <>
              <Button size="compact-sm" variant="default" onClick={onEscalate} disabled={alert.escalatedAt !== null}>
                {t('alerts.escalate')}
              </Button>
              <Button size="compact-sm" variant="light" onClick={onDismiss}>
                {t('alerts.dismiss')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
