import { formatDateTime } from '../../../../shared/format';
import { t } from '../../../../shared/i18n';

/** "29 Nov 2026, 13:45" in the viewer's locale, or "Never". */
export const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('account.never'));
