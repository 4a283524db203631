import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { exactTime, formatDate, formatDateTime, fromNow } from './format';
import { t } from './i18n';

/**
 * A time as the console writes it everywhere: "3 hours ago" (or the date when `absolute`, the date
 * and time when `absolute="time"`), with the exact time on hover; `never` when there is none.
 */
export function When({ iso, never, absolute }: { iso: string | null | undefined; never?: ReactNode; absolute?: boolean | 'time' }) {
  if (!iso)
    return (
      <Text size="sm" c="dimmed" component="span">
        {never ?? t('common.never')}
      </Text>
    );
  const text = absolute === 'time' ? formatDateTime(iso) : absolute ? formatDate(iso) : fromNow(iso);
  return (
    <Text size="sm" component="time" dateTime={iso} title={exactTime(iso)} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}
