import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { UserStatus } from '../../../contracts/users.js';

export interface UsersTable {
  id: string;
  organization_id: string;
  email: string;
  email_normalized: string;
  name: string;
  /** lower(name) + ' ' + email_normalized: what substring search indexes. */
  search_text: string;
  role_id: string;
  status: UserStatus;
  invited_by: string | null;
  invited_at: string | null;
  activated_at: string | null;
  last_sign_in_at: string | null;
  last_active_at: string | null;
  deactivated_at: string | null;
  /** Tombstone fields (offboarding): optional on insert. */
  deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
  purge_after: ColumnType<string | null, string | null | undefined, string | null>;
  purged_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of what a restore puts back; null once purged. */
  tombstone: ColumnType<string | null, string | null | undefined, string | null>;
  /** Until when an administrator allows enrolling a new passkey without proving an existing one (once). */
  passkey_recovery_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** The SCIM token (its label) that created or linked this account; null for console users (migration 0013). */
  provisioned_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: number;
  created_at: string;
  updated_at: string;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserPatch = Updateable<UsersTable>;

/** Users per organization × role × status, kept by triggers with every change (migration 0010). */
export interface UserCountsTable {
  organization_id: string;
  role_id: string;
  status: UserStatus;
  n: number;
}
