import type { Insertable, Selectable } from 'kysely';

export interface PasskeysTable {
  id: string;
  organization_id: string;
  user_id: string;
  /** WebAuthn credential id (base64url), unique across organizations. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport values. */
  transports: string;
  /** 'multiDevice' (synced) or 'singleDevice' (device-bound), from the backup-eligible flag. */
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: number;
  aaguid: string | null;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export type ChallengePurpose = 'registration' | 'sign_in' | 'verification';

export interface WebauthnChallengesTable {
  id: string;
  challenge: string;
  purpose: ChallengePurpose;
  organization_id: string | null;
  user_id: string | null;
  session_id: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export type PasskeyRow = Selectable<PasskeysTable>;
export type NewPasskeyRow = Insertable<PasskeysTable>;
export type ChallengeRow = Selectable<WebauthnChallengesTable>;
