import type { AuditCategory, RiskLevel } from '../../../contracts/audit';

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

/** Sofie's category labels (Security Center > Events). */
export const CATEGORY_LABELS: Record<AuditCategory, string> = {
  auth: 'Auth',
  access: 'Access',
  policy: 'Policy',
  recovery: 'Recovery',
  data_recovery: 'Data recovery',
  admin: 'Admin',
};

export const RISK_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const RISK_COLORS: Record<RiskLevel, string> = { low: 'gray', medium: 'orange', high: 'red' };
