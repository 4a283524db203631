import type { ColumnType, Selectable } from 'kysely';

export type SsoPreset = 'generic' | 'entra' | 'okta' | 'google';
export type SsoKind = 'oidc' | 'saml';
export type SsoTokenAuthMethod = 'client_secret_basic' | 'private_key_jwt';

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
  /** 'private_key_jwt': a client assertion signed with the connection's key (sso_client_keys) instead of the secret. */
  token_auth_method: ColumnType<SsoTokenAuthMethod, SsoTokenAuthMethod | undefined, SsoTokenAuthMethod>;
  /** The ID token claim that lists the user's IdP groups. */
  groups_claim: ColumnType<string, string | undefined, string>;
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

export interface SsoClientKeysTable {
  connection_id: string;
  organization_id: string;
  key_id: string;
  /** Sealed private JWK (see sso.secrets.ts). */
  private_key: string;
  /** Public JWK as JSON. */
  public_key: string;
  created_at: string;
}

export interface SsoRoleRulesTable {
  id: string;
  organization_id: string;
  connection_id: string;
  idp_group: string;
  role_id: string;
  created_by: string;
  created_at: string;
}
export type SsoRoleRuleRow = Selectable<SsoRoleRulesTable>;

export interface SsoManagedMembershipsTable {
  organization_id: string;
  connection_id: string;
  user_id: string;
  group_id: string;
  added_at: string;
}

export interface SsoMappedRolesTable {
  organization_id: string;
  connection_id: string;
  user_id: string;
  role_id: string;
  updated_at: string;
}
