import type { Generated, Insertable, Selectable } from 'kysely';

export interface BulkJobsTable {
  id: string;
  organization_id: string;
  /** 'assign_role' | 'add_to_group' | 'remove_from_group' | 'deactivate' | 'invite_csv' | 'undo' */
  kind: string;
  /** The role or group the job applies (for an undo: the one the undone job applied). */
  target_id: string;
  target_label: string;
  undo_of: string | null;
  undone_by: string | null;
  reason: string | null;
  started_by: string;
  started_by_label: string;
  /** The lease (see platform/outbox-lease.ts): 'pending' | 'sending', then 'done' | 'cancelled' | 'failed'. */
  status: string;
  cancel_requested: Generated<number>;
  total: number;
  processed: Generated<number>;
  changed: Generated<number>;
  skipped: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  /** `last_error` as a message code (BULK_JOB_STOP_CODES) and its values as JSON; null for an older job. */
  last_error_code: string | null;
  last_error_values: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface BulkJobItemsTable {
  job_id: string;
  seq: number;
  /** For an invitation row: '' until its invitation names the account it created or updated. */
  user_id: string;
  /** 'pending' | 'changed' | 'unchanged' | 'skipped' */
  status: string;
  /** For the items of an undo: the value to restore (a role id). */
  restore_to: string | null;
  /**
   * What the user had before this job changed them (a role id, or 'member' / 'not_member'); for an
   * invitation row, what it became ('invited' | 'renewed' | 'updated').
   */
  before_value: string | null;
  error_code: string | null;
  error_message: string | null;
  /** The error's details as JSON: what the console words `error_code` from. */
  error_details: string | null;
  /** An invitation row's CSV input, as JSON (see InviteJobPayload). */
  payload: string | null;
}

export type BulkJobRow = Selectable<BulkJobsTable>;
export type NewBulkJobRow = Insertable<BulkJobsTable>;
export type BulkJobItemRow = Selectable<BulkJobItemsTable>;
