import type { Insertable, Selectable, Updateable } from 'kysely';

export interface InvitationsTable {
  id: string;
  organization_id: string;
  /** Null once a revoked invitation's placeholder user is removed. */
  user_id: string | null;
  email_normalized: string;
  role_id: string;
  group_id: string | null;
  invited_by: string | null;
  token_hash: string;
  /** 'expired' is derived from expires_at, never stored. */
  status: 'pending' | 'accepted' | 'revoked';
  expires_at: string;
  sent_count: number;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitationRow = Insertable<InvitationsTable>;
export type InvitationPatch = Updateable<InvitationsTable>;
