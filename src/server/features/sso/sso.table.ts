import type { ColumnType, Selectable } from 'kysely';

export type SsoPreset = 'generic' | 'entra' | 'okta' | 'google';
export type SsoKind = 'oidc' | 'saml';

export interface SsoConnectionsTable {
  id: string;
  organization_id: string;
  name: string;
  preset: SsoPreset;
  issuer: string;
  client_id: string;
  /** Sealed (see sso.secrets.ts); never leaves the server. */
  client_secret: string;
  tenant_id: string | null;
  allow_multi_tenant: ColumnType<number, number | undefined, number>;
  /** JSON array of lower-case domains. */
  hosted_domains: ColumnType<string, string | undefined, string>;
  jit_enabled: ColumnType<number, number | undefined, number>;
  enabled: ColumnType<number, number | undefined, number>;
  last_tested_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_test_ok: ColumnType<number, number | undefined, number>;
  last_test_result: ColumnType<string | null, string | null | undefined, string | null>;
  admin_signed_in_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** 'saml': `issuer` is the identity provider's entity ID and `saml` holds the rest (see sso.saml.table.ts). */
  kind: ColumnType<SsoKind, SsoKind | undefined, SsoKind>;
  saml: ColumnType<string | null, string | null | undefined, string | null>;
}
export type SsoConnectionRow = Selectable<SsoConnectionsTable>;

export interface SsoDomainsTable {
  id: string;
  organization_id: string;
  domain: string;
  verification_token: string;
  verified_at: string | null;
  connection_id: string | null;
  created_by: string;
  created_at: string;
}
export type SsoDomainRow = Selectable<SsoDomainsTable>;

export interface SsoLoginStatesTable {
  state_hash: string;
  organization_id: string;
  connection_id: string;
  purpose: 'sign_in' | 'test';
  nonce: string;
  code_verifier: string;
  initiated_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export type SsoLoginStateRow = Selectable<SsoLoginStatesTable>;

export interface SsoSettingsTable {
  organization_id: string;
  disable_magic_links: number;
  break_glass_user_ids: string;
  updated_at: string;
}
