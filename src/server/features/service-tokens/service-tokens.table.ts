import type { Selectable } from 'kysely';

/** Credentials with which Sofie's other services call this one for one organization. */
export interface ServiceTokensTable {
  id: string;
  organization_id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export type ServiceTokenRow = Selectable<ServiceTokensTable>;
