import dayjs from 'dayjs';

/** "29 Nov 2026, 13:45", or "Never". */
export const when = (iso: string | null) => (iso ? dayjs(iso).format('D MMM YYYY, HH:mm') : 'Never');
