import type { Selectable } from 'kysely';

/** A point-in-time report of privileged access; written once, never changed. */
export interface AccessReviewSnapshotsTable {
  id: string;
  organization_id: string;
  created_by: string | null;
  created_by_label: string;
  dormant_days: number;
  /** JSON: SnapshotSummary. */
  summary: string;
  /** JSON: SnapshotReport. */
  report: string;
  created_at: string;
}

export interface AccessReviewCampaignsTable {
  id: string;
  organization_id: string;
  name: string;
  scope_type: 'all' | 'privileged' | 'role' | 'group' | 'workspace';
  scope_id: string | null;
  scope_label: string;
  reviewer_mode: 'manager' | 'user' | 'role_holders';
  reviewer_user_id: string | null;
  reviewer_role_id: string | null;
  due_at: string;
  status: 'open' | 'closed';
  revoke_unreviewed: number;
  /** The role a revocation moved users to (set at close). */
  revoke_role_id: string | null;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

export interface AccessReviewItemsTable {
  id: string;
  organization_id: string;
  campaign_id: string;
  user_id: string;
  user_email: string;
  user_name: string;
  role_id: string;
  role_name: string;
  /** JSON: ItemContext. */
  context: string;
  granted_by: string | null;
  granted_by_label: string | null;
  granted_at: string | null;
  reviewer_user_id: string | null;
  decision: 'keep' | 'revoke' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  /** Set at close: 'kept', 'revoked', 'unchanged' (already narrowest), 'refused' (a guardrail). */
  outcome: 'kept' | 'revoked' | 'unchanged' | 'refused' | 'unreviewed' | null;
  outcome_message: string | null;
  applied_at: string | null;
}

export interface AccessReviewRemindersTable {
  campaign_id: string;
  reviewer_user_id: string;
  organization_id: string;
  sent_at: string;
}

export type SnapshotRow = Selectable<AccessReviewSnapshotsTable>;
export type CampaignRow = Selectable<AccessReviewCampaignsTable>;
export type ItemRow = Selectable<AccessReviewItemsTable>;
