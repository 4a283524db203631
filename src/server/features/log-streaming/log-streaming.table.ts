import type { Selectable } from 'kysely';

export interface LogStreamDestinationsTable {
  id: string;
  organization_id: string;
  name: string;
  url: string;
  /** HMAC key the batches are signed with; shown once, at creation. */
  secret: string;
  created_by: string | null;
  created_at: string;
  disabled_at: string | null;
}
export type LogStreamDestinationRow = Selectable<LogStreamDestinationsTable>;

export interface LogStreamOutboxTable {
  id: string;
  organization_id: string;
  destination_id: string;
  /** 'events' (audit events) or 'checkpoint' (the audit chain's head). */
  kind: string;
  payload: string;
  event_count: number;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
  delivered_at: string | null;
}
