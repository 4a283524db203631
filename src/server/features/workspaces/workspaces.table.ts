import type { Insertable, Selectable } from 'kysely';
import type { WorkspaceRole, WorkspaceType } from '../../../contracts/workspaces.js';

export interface WorkspacesTable {
  id: string;
  organization_id: string;
  name: string;
  type: WorkspaceType;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface WorkspaceMembersTable {
  organization_id: string;
  workspace_id: string;
  member_type: 'user' | 'group';
  member_id: string;
  role: WorkspaceRole;
  added_by: string | null;
  added_at: string;
}
export type WorkspaceRow = Selectable<WorkspacesTable>;
export type NewWorkspaceRow = Insertable<WorkspacesTable>;
export type WorkspaceMemberRow = Selectable<WorkspaceMembersTable>;
