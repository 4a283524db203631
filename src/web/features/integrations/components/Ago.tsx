import { Text } from '@mantine/core';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** "a few seconds ago", with the exact time on hover; `never` when there is no time. */
export function Ago({ iso, never }: { iso: string | null; never: string }) {
  return iso ? <span title={dayjs(iso).format('D MMM YYYY HH:mm')}>{dayjs(iso).fromNow()}</span> : <Text span size="sm" c="dimmed">{never}</Text>;
}
