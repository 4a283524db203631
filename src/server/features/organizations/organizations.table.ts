import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganizationsTable {
  id: string;
  name: string;
  invitation_expiry_days: number;
  /** JSON array of lower-case domains; empty means any. */
  allowed_email_domains: string;
  business_reason_required: number;
  require_passkeys_privileged: number;
  require_passkeys_all: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** A suspended organization's people cannot sign in; its sessions and service tokens are refused. */
  status: ColumnType<OrganizationStatus, OrganizationStatus | undefined, OrganizationStatus>;
  suspended_at: ColumnType<string | null, string | null | undefined, string | null>;
}
export type OrganizationStatus = 'active' | 'suspended';
export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganizationRow = Insertable<OrganizationsTable>;
export type OrganizationPatch = Updateable<OrganizationsTable>;

/** What the deployment's operator did to an organization; kept outside it, so it outlives a deleted one. */
export interface OperatorEventsTable {
  id: string;
  organization_id: string;
  organization_name: string;
  action: 'organization.created' | 'organization.suspended' | 'organization.resumed' | 'organization.deleted';
  actor_label: string;
  reason: string | null;
  /** JSON: what the action changed or removed. */
  details: string | null;
  created_at: string;
}
export type OperatorEventRow = Selectable<OperatorEventsTable>;
