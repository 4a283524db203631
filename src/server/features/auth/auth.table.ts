import type { ColumnType, Insertable, Selectable } from 'kysely';

export interface MagicLinksTable {
  id: string;
  organization_id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
export interface SessionsTable {
  id: string;
  organization_id: string;
  user_id: string;
  token_hash: string;
  /** 'break_glass': a magic link while SSO is enforced; the session must prove a passkey before anything else. */
  auth_method: 'magic_link' | 'invitation' | 'passkey' | 'sso' | 'break_glass';
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
  /** When a passkey was last verified on this session (sign-in, enrolment, step-up); null if never. */
  passkey_verified_at: ColumnType<string | null, string | null | undefined, string | null>;
}
export type MagicLinkRow = Selectable<MagicLinksTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;
