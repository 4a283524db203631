import { Text, Tooltip } from '@mantine/core';
import { USAGE_EVENT_LABELS, type UsageEventType, type UserUsageSummary } from '../../../../contracts/usage';

/** The Users page's small usage summary: events in the last 30 days and the most frequent kind. */
export function UsageSummary({ usage }: { usage: UserUsageSummary | undefined }) {
  if (!usage || usage.events30d === 0) return <Text size="sm" c="dimmed">No usage (30 days)</Text>;
  const top = usage.topType ? USAGE_EVENT_LABELS[usage.topType as UsageEventType] ?? usage.topType : null;
  return (
    <Tooltip label={top ? `Mostly ${top.toLowerCase()}` : 'Last 30 days'}>
      <Text size="sm">{usage.events30d.toLocaleString()} events · 30 days</Text>
    </Tooltip>
  );
}
