import type { SecurityAlert } from '../../../../contracts/alerts';
import { tWith } from '../../../shared/i18n';

/** An alert's title in the reader's language, from its message; the server's English for an alert raised before alerts kept one. */
export function alertTitle(alert: Pick<SecurityAlert, 'title' | 'titleMessage'>): string {
  if (!alert.titleMessage) return alert.title;
  return tWith(`alert.title.${alert.titleMessage.code}`, alert.titleMessage.values, alert.title);
}
