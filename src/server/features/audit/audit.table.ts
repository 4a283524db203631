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
  /** The request that made the change (its id is in the server's log lines too). */
  request_id: string | null;
  /** Position in the organization's hash chain; null for events written before the chain existed. */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  /** SHA-256 over the personal fields (labels, before/after, ip, user agent), kept when a purge erases them. */
  personal_digest: string | null;
  /** The `user.purged` event that erased this event's personal fields, if one did. */
  redacted_by: string | null;
}
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;

/** Each organization's last chain link: its row lock orders concurrent audit writers. */
export interface AuditChainHeadsTable {
  organization_id: string;
  seq: number;
  hash: string;
  /** Events written before the chain existed (they stay unchained). */
  legacy_count: number;
  updated_at: string;
}
