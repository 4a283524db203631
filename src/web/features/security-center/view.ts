import type { AuditCategory, RiskLevel } from '../../../contracts/audit';
import { formatDateTime } from '../../shared/format';
import { t, tOr } from '../../shared/i18n';

/** What the Events and Recovery tabs show; held in the URL's search params so a view can be shared and reloaded. */
export interface EventsView {
  q?: string;
  actor?: string;
  subject?: string;
  category?: AuditCategory;
  risk?: RiskLevel;
  /** YYYY-MM-DD, first day included. */
  from?: string;
  /** YYYY-MM-DD, last day included. */
  to?: string;
  sort?: 'newest' | 'oldest';
  scope?: 'recovery';
}

export const VIEW_KEYS = ['q', 'actor', 'subject', 'category', 'risk', 'from', 'to', 'sort'] as const;

/** Sofie's category labels (Security Center > Events), from the catalogue; an unknown category as sent. */
export function categoryLabel(category: string): string {
  return tOr(`security.category.${category}`, category);
}

/** A risk level as people read it ("Medium"); an unknown one as sent. */
export function riskLabel(risk: string): string {
  return tOr(`security.risk.${risk}`, risk);
}

/** An audit action as people read it ("Role changed") where the catalogue has it; otherwise its code. */
export function actionLabel(action: string): string {
  return tOr(`audit.action.${action}`, action);
}

/** The server labels a snapshot "Snapshot <ISO time>": worded from the catalogue, with the time as the console writes times. */
const SNAPSHOT_LABEL = /^Snapshot (\d{4}-\d{2}-\d{2}T\S+)$/;

/** An event's subject as people read it: the server's label, except where the server wrote its own English around a value. */
export function subjectLabel(subject: { type: string; label: string }): string {
  const snapshot = subject.type === 'access_review_snapshot' ? SNAPSHOT_LABEL.exec(subject.label) : null;
  return snapshot ? t('security.subject.snapshot', { createdAt: formatDateTime(snapshot[1]) }) : subject.label;
}
export const RISK_COLORS: Record<RiskLevel, string> = { low: 'gray', medium: 'orange', high: 'red' };
