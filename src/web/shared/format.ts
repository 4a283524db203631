import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** "29 Nov 2026, 13:45" in the viewer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).format('D MMM YYYY, HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).format('D MMM YYYY');
}

/** "3 hours ago" / "in 6 days". */
export function fromNow(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return dayjs(iso).fromNow();
}

/**
 * A list's total as people should read it: exact ("1,234"), or "1,000+" when the server counted a
 * search or activity filter only up to its cap (the API's totalExact: false).
 */
export function countText(total: number, exact = true): string {
  return exact ? total.toLocaleString() : `${total.toLocaleString()}+`;
}
