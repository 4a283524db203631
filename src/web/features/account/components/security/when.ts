import { formatDateTime } from '../../../../shared/format';

/** "29 Nov 2026, 13:45" in the viewer's locale, or "Never". */
export const when = (iso: string | null) => (iso ? formatDateTime(iso) : 'Never');
