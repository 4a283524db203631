import { Text, Tooltip } from '@mantine/core';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { ReactNode } from 'react';

dayjs.extend(relativeTime);

/** A time in a table cell: "3 hours ago" (or the date when `absolute`), the exact time on hover; `never` when there is none. */
export function When({ iso, never, absolute }: { iso: string | null; never: ReactNode; absolute?: boolean }) {
  if (!iso)
    return (
      <Text size="sm" c="dimmed">
        {never}
      </Text>
    );
  return (
    <Tooltip label={dayjs(iso).format('D MMM YYYY, HH:mm')} openDelay={400}>
      <Text size="sm" component="span" style={{ whiteSpace: 'nowrap' }}>
        {absolute ? dayjs(iso).format('D MMM YYYY') : dayjs(iso).fromNow()}
      </Text>
    </Tooltip>
  );
}
