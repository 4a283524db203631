import type { ColumnType, Selectable } from 'kysely';

/** Whether the organization accepts SCIM requests at all (Integrations → Provisioning). */
export interface ScimSettingsTable {
  organization_id: string;
  enabled: number;
  updated_at: string;
}

/** Bearer tokens an identity provider calls /scim/v2 with, for one organization; only the hash is kept. */
export interface ScimTokensTable {
  id: string;
  organization_id: string;
  label: string;
  token_hash: string;
  /** The administrator who created it: the token acts within that person's current grant ceiling. */
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The SCIM side of a user the identity provider created or linked. */
export interface ScimUsersTable {
  user_id: string;
  organization_id: string;
  user_name: string;
  user_name_normalized: string;
  external_id: string | null;
  given_name: string | null;
  family_name: string | null;
  email_type: string | null;
  profile: ColumnType<string, string | undefined, string>;
  enterprise: string | null;
  token_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The role a group-to-role mapping last gave this user (null: none, or the console set it since). */
  mapped_role_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The SCIM side of a product group the identity provider pushed. */
export interface ScimGroupsTable {
  group_id: string;
  organization_id: string;
  external_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** "IdP group X → role Y": one role per SCIM group, within the grant ceiling of the administrator who made it. */
export interface ScimRoleMappingsTable {
  id: string;
  organization_id: string;
  group_id: string;
  role_id: string;
  created_by: string;
  created_at: string;
}

/** One provisioning request as the console's log shows it (no bodies: they can carry secrets). */
export interface ScimRequestsTable {
  id: string;
  organization_id: string;
  token_id: string | null;
  token_label: string | null;
  created_at: string;
  method: string;
  path: string;
  operation: string;
  resource_type: string | null;
  resource_id: string | null;
  status: number;
  outcome: 'success' | 'warning' | 'failure';
  detail: string | null;
  duration_ms: number;
}

export type ScimTokenRow = Selectable<ScimTokensTable>;
export type ScimUserRow = Selectable<ScimUsersTable>;
export type ScimGroupRow = Selectable<ScimGroupsTable>;
export type ScimRoleMappingRow = Selectable<ScimRoleMappingsTable>;
export type ScimRequestRow = Selectable<ScimRequestsTable>;
