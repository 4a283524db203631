import type { Insertable, Selectable, Updateable } from 'kysely';

export interface GroupsTable {
  id: string;
  organization_id: string;
  name: string;
  name_normalized: string;
  description: string;
  created_at: string;
  updated_at: string;
}
export interface GroupMembersTable {
  organization_id: string;
  group_id: string;
  user_id: string;
  added_by: string | null;
  added_at: string;
}
export type GroupRow = Selectable<GroupsTable>;
export type NewGroupRow = Insertable<GroupsTable>;
export type GroupPatch = Updateable<GroupsTable>;
export type GroupMemberRow = Selectable<GroupMembersTable>;
