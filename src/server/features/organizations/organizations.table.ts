import type { Insertable, Selectable, Updateable } from 'kysely';

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
}
export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganizationRow = Insertable<OrganizationsTable>;
export type OrganizationPatch = Updateable<OrganizationsTable>;
