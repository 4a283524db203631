import type { Insertable, Selectable } from 'kysely';
import type { CollaboratorRole, ContentType, SequenceStatus } from '../../../contracts/ownership.js';

export interface ContentItemsTable {
  id: string;
  organization_id: string;
  external_id: string;
  type: ContentType;
  title: string;
  /** Null: kept for the organization. */
  owner_user_id: string | null;
  workspace_id: string | null;
  sequence_status: SequenceStatus | null;
  paused_for_user_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface ContentCollaboratorsTable {
  organization_id: string;
  item_id: string;
  user_id: string;
  role: CollaboratorRole;
  added_at: string;
}
export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  description: string;
  secret: string;
  created_by: string | null;
  created_at: string;
  disabled_at: string | null;
}
export interface WebhookOutboxTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  /** pending → sending → delivered | failed (after the last retry). */
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
  delivered_at: string | null;
}
export type ContentItemRow = Selectable<ContentItemsTable>;
export type NewContentItemRow = Insertable<ContentItemsTable>;
export type CollaboratorRow = Selectable<ContentCollaboratorsTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookOutboxRow = Selectable<WebhookOutboxTable>;
