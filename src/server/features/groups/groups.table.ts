import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface GroupsTable {
  id: string;
  organization_id: string;
  name: string;
  name_normalized: string;
  description: string;
  /** Kept by triggers in the same transaction as every membership change (migration 0010). */
  member_count: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface GroupMembersTable {
  organization_id: string;
  group_id: string;
  user_id: string;
  added_by: string | null;
  added_at: string;
  /** The user's sort keys for the users list, copied by triggers (migration 0006); never written here. */
  sort_name: Generated<string>;
  sort_email: Generated<string>;
  sort_created: Generated<string>;
  /** COALESCE(last_active_at, ''), as the users list sorts it. */
  sort_last_active: Generated<string>;
}
export type GroupRow = Selectable<GroupsTable>;
export type NewGroupRow = Insertable<GroupsTable>;
export type GroupPatch = Updateable<GroupsTable>;
export type GroupMemberRow = Selectable<GroupMembersTable>;
