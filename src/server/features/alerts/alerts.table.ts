import type { Insertable, Selectable } from 'kysely';
import type { AlertRule } from '../../../contracts/alerts.js';

export interface SecurityAlertsTable {
  id: string;
  organization_id: string;
  rule: AlertRule;
  risk: string;
  title: string;
  /** The title as a message: its code and values (JSON); null on alerts raised before they were kept. */
  title_code: string | null;
  title_values: string | null;
  actor_user_id: string | null;
  actor_label: string | null;
  subject_type: string | null;
  subject_id: string | null;
  subject_label: string | null;
  link: string | null;
  event_id: string | null;
  status: 'open' | 'dismissed';
  assignee_user_id: string | null;
  escalated_at: string | null;
  dismissed_at: string | null;
  dismissed_by: string | null;
  dismiss_reason: string | null;
  created_at: string;
}
export type SecurityAlertRow = Selectable<SecurityAlertsTable>;
export type NewSecurityAlertRow = Insertable<SecurityAlertsTable>;

export interface AlertCountersTable {
  organization_id: string;
  rule: string;
  key: string;
  window_start: string;
  count: number;
}

export interface SignInOriginsTable {
  organization_id: string;
  user_id: string;
  kind: 'device' | 'network';
  value: string;
  first_seen_at: string;
}

export interface AlertDigestSubscribersTable {
  organization_id: string;
  user_id: string;
  subscribed_at: string;
  last_sent_at: string | null;
}
