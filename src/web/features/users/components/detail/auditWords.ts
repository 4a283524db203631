import type { AuditEvent } from '../../../../../contracts/audit';
import { formatDateTime } from '../../../../shared/format';
import { t, tOr } from '../../../../shared/i18n';

/** The action in words: "Role changed". Unknown actions fall back to a tidied key. */
export function actionInWords(action: string): string {
  const [, verb = action] = action.split('.');
  const words = verb.replace(/_/g, ' ');
  return tOr(`audit.action.${action}`, words.charAt(0).toUpperCase() + words.slice(1));
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueInWords(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(valueInWords).join(', ') : t('audit.none');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if (typeof o.label === 'string') return o.label;
    return Object.entries(o)
      .map(([k, v]) => t('audit.pair', { key: k, value: valueInWords(v) }))
      .join(', ');
  }
  // bigint, symbol or function: not something audit rows hold.
  return typeof value === 'bigint' ? value.toString() : '—';
}

/** "Role: Member → Admin" lines for each field that differs between before and after. */
export function changesInWords(event: Pick<AuditEvent, 'before' | 'after'>): string[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object')
    return [t('audit.beforeAfter', { before: valueInWords(event.before), after: valueInWords(event.after) })];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const lines: string[] = [];
  for (const key of keys) {
    const b = valueInWords(before[key]);
    const a = valueInWords(after[key]);
    if (b === a) {
      if (key === 'group') lines.push(t('audit.sameGroup', { group: a }));
      continue;
    }
    lines.push(t('audit.change', { field: tOr(`audit.field.${key}`, key), before: b, after: a }));
  }
  return lines;
}
