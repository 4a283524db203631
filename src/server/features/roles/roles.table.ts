import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface RolesTable {
  id: string;
  organization_id: string;
  /** Stable key of a system role ('admin', 'member', ...); null for custom roles. */
  system_key: string | null;
  name: string;
  name_normalized: string;
  description: string;
  /** JSON array of permission keys. */
  permissions: string;
  require_passkey_enrollment: number;
  require_passkey_after_magic_link: number;
  /** "Require passkey after SSO sign-in" (migration 0022). */
  require_passkey_after_sso: ColumnType<number, number | undefined, number>;
  idle_logout_minutes: number | null;
  owner_user_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type RoleRow = Selectable<RolesTable>;
export type NewRoleRow = Insertable<RolesTable>;
export type RolePatch = Updateable<RolesTable>;
