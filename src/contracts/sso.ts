import { Type, type Static } from 'typebox';
import { Iso, NullableIso } from './common.js';
import { SamlConnectionDetails } from './sso-saml.js';

export const SsoPreset = Type.Union([Type.Literal('generic'), Type.Literal('entra'), Type.Literal('okta'), Type.Literal('google')]);
/** Client authentication at the token endpoint: the client secret, or a client assertion signed with the connection's key. */
export const SsoTokenAuthMethod = Type.Union([Type.Literal('client_secret_basic'), Type.Literal('private_key_jwt')]);
const GroupsClaim = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_:./-]+$' });

const Domain = Type.String({ minLength: 3, maxLength: 253 });

/** What the last "Test connection" received and concluded. */
export const SsoTestResult = Type.Object({
  ok: Type.Boolean(),
  at: Iso,
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String(), detail: Type.Optional(Type.String()) }), Type.Null()]),
  claims: Type.Record(Type.String(), Type.Unknown()),
  mapsTo: Type.Union([
    Type.Object({ kind: Type.String(), userId: Type.Union([Type.String(), Type.Null()]), email: Type.String(), text: Type.String() }),
    Type.Null(),
  ]),
});

/** A connection as the console shows it: never the client secret. */
export const SsoConnection = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('oidc'), Type.Literal('saml')]),
  /** For a SAML connection (its `issuer` is the identity provider's entity ID); null for OIDC. */
  saml: Type.Union([SamlConnectionDetails, Type.Null()]),
  preset: SsoPreset,
  issuer: Type.String(),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean(),
  tokenAuthMethod: SsoTokenAuthMethod,
  /** For private_key_jwt: where the identity provider reads the connection's public key. */
  jwksUrl: Type.Union([Type.String(), Type.Null()]),
  groupsClaim: Type.String(),
  tenantId: Type.Union([Type.String(), Type.Null()]),
  allowMultiTenant: Type.Boolean(),
  hostedDomains: Type.Array(Type.String()),
  jitEnabled: Type.Boolean(),
  enabled: Type.Boolean(),
  redirectUri: Type.String(),
  lastTest: Type.Union([SsoTestResult, Type.Null()]),
  adminSignedInAt: NullableIso,
  createdAt: Iso,
});
export type SsoConnection = Static<typeof SsoConnection>;

export const CreateSsoConnectionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  preset: SsoPreset,
  /** Optional for Entra (derived from the tenant) and Google (accounts.google.com). */
  issuer: Type.Optional(Type.String({ maxLength: 500 })),
  clientId: Type.String({ minLength: 1, maxLength: 500 }),
  /** Required unless tokenAuthMethod is private_key_jwt. */
  clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  tokenAuthMethod: Type.Optional(SsoTokenAuthMethod),
  groupsClaim: Type.Optional(GroupsClaim),
  tenantId: Type.Optional(Type.String({ maxLength: 100 })),
  allowMultiTenant: Type.Optional(Type.Boolean()),
  hostedDomains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
  jitEnabled: Type.Optional(Type.Boolean()),
});
export const UpdateSsoConnectionBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  tokenAuthMethod: Type.Optional(SsoTokenAuthMethod),
  groupsClaim: Type.Optional(GroupsClaim),
  jitEnabled: Type.Optional(Type.Boolean()),
  enabled: Type.Optional(Type.Boolean()),
  hostedDomains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
});

export const SsoDomain = Type.Object({
  id: Type.String(),
  domain: Type.String(),
  /** The TXT record to publish at the domain. */
  txtRecord: Type.String(),
  verifiedAt: NullableIso,
  connectionId: Type.Union([Type.String(), Type.Null()]),
});
export const AddSsoDomainBody = Type.Object({ domain: Domain, connectionId: Type.Optional(Type.Union([Type.String(), Type.Null()])) });
export const RouteSsoDomainBody = Type.Object({ connectionId: Type.Union([Type.String(), Type.Null()]) });

/**
 * Whether a named break-glass administrator can use it now: someone demoted, deactivated or left
 * without a passkey since being named stays listed with the reason until removed.
 */
export const BreakGlassStanding = Type.Union(
  [Type.Literal('usable'), Type.Literal('not_administrator'), Type.Literal('no_passkey'), Type.Literal('not_active')],
  { description: 'Whether this person can use break-glass sign-in now, and if not, why.' },
);

export const SsoSettings = Type.Object({
  disableMagicLinks: Type.Boolean(),
  /** Whether "Disable magic links when SSO is enabled" may be turned on now, and if not, why. */
  canDisableMagicLinks: Type.Boolean(),
  breakGlassUsers: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      standing: BreakGlassStanding,
    }),
  ),
});
export const SsoSettingsBody = Type.Object({
  disableMagicLinks: Type.Boolean(),
  breakGlassUserIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const SsoOverview = Type.Object({
  connections: Type.Array(SsoConnection),
  domains: Type.Array(SsoDomain),
  settings: SsoSettings,
});

/** Email-first sign-in: where this address signs in. */
export const SignInRouteBody = Type.Object({ email: Type.String({ maxLength: 320 }) });
export const SignInRoute = Type.Object({
  method: Type.Union([Type.Literal('sso'), Type.Literal('email')]),
  /** For `sso`: the address to open (it redirects to the identity provider). */
  url: Type.Optional(Type.String()),
  /** For `sso`: the connection's display name. */
  connectionName: Type.Optional(Type.String()),
  /** For `email`: false when magic links are disabled for this address (passkey or break-glass only). */
  magicLinkAllowed: Type.Boolean(),
});

/** A group-to-role rule of a connection: members of the IdP group get the role at their next sign-in. */
export const SsoRoleRule = Type.Object({
  id: Type.String(),
  idpGroup: Type.String(),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  createdBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Iso,
  /** False while its maker is inactive or no longer holds every permission of the role. */
  active: Type.Boolean(),
  inactiveReason: Type.Union([Type.String(), Type.Null()]),
});
/** One page of a connection's rules by IdP group (then id), and the roles a new rule may name. */
export const SsoRoleRuleList = Type.Object({
  items: Type.Array(SsoRoleRule),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** The roles the caller may choose: those within their own grant ceiling. */
  roles: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export const CreateSsoRoleRuleBody = Type.Object({
  idpGroup: Type.String({ minLength: 1, maxLength: 256, pattern: '\\S' }),
  roleId: Type.String({ minLength: 1, maxLength: 64 }),
});
