import type { Insertable, Selectable } from 'kysely';

export interface AuditEventsTable {
  id: string;
  organization_id: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  category: string;
  risk: string;
  subject_type: string | null;
  subject_id: string | null;
  subject_label: string | null;
  reason: string | null;
  /** JSON */
  before: string | null;
  /** JSON */
  after: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
