import type { Insertable, Selectable } from 'kysely';

export interface MailOutboxTable {
  id: string;
  organization_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** 'local': kept in the local mailbox (no SMTP); 'pending' → 'sending' (claimed) → 'sent' | 'failed' over SMTP. */
  status: 'local' | 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** When the process sending it claimed it (its lease); see platform/outbox-lease.ts. */
  claimed_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
export type MailRow = Selectable<MailOutboxTable>;
export type NewMailRow = Insertable<MailOutboxTable>;
