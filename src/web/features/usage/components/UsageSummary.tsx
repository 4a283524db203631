import { Text, Tooltip } from '@mantine/core';
import type { UserUsageSummary } from '../../../../contracts/usage';
import { usageLabel } from '../usageLabel';
import { t } from '../../../shared/i18n';

/** The Users page's small usage summary: events in the last 30 days and the most frequent kind. */
export function UsageSummary({ usage }: { usage: UserUsageSummary | undefined }) {
  // The column's header names the window ("Usage (30 days)"); the cell stays one short line.
  if (!usage || usage.events30d === 0)
    return (
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('usage.none')}
      </Text>
    );
  const top = usage.topType ? usageLabel(usage.topType) : null;
  return (
    <Tooltip label={top ? t('usage.mostly', { kind: top.toLowerCase() }) : t('usage.last30Days')}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {t('usage.events', { count: usage.events30d })}
      </Text>
    </Tooltip>
  );
}
