import { Text, Tooltip } from '@mantine/core';
import { USAGE_EVENT_LABELS, type UsageEventType, type UserUsageSummary } from '../../../../contracts/usage';
import { plural } from '../../../shared/format';

/** The Users page's small usage summary: events in the last 30 days and the most frequent kind. */
export function UsageSummary({ usage }: { usage: UserUsageSummary | undefined }) {
  // The column's header names the window ("Usage (30 days)"); the cell stays one short line.
  if (!usage || usage.events30d === 0)
    return (
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        No usage
      </Text>
    );
  const top = usage.topType ? (USAGE_EVENT_LABELS[usage.topType as UsageEventType] ?? usage.topType) : null;
  return (
    <Tooltip label={top ? `Mostly ${top.toLowerCase()}` : 'Last 30 days'}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {plural(usage.events30d, 'event', 'events')}
      </Text>
    </Tooltip>
  );
}
