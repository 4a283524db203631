import { Type, type Static } from 'typebox';
import { Iso, NullableIso } from './common.js';
import type { ErrorSpec } from './errors.js';

/** Single sign-on's error codes: shared so the console can word a failed test or sign-in. */
export const SSO_ERRORS = {
  CONNECTION_NOT_FOUND: { status: 404, message: 'This single sign-on connection does not exist in your organization.' },
  ISSUER_NOT_ALLOWED: { status: 422, message: 'The issuer must be an https:// address on the public internet.' },
  DISCOVERY_FAILED: { status: 422, message: "The issuer's OpenID configuration (/.well-known/openid-configuration) could not be read." },
  TENANT_REQUIRED: { status: 422, message: 'Microsoft Entra ID needs the Directory (Tenant) ID.' },
  MULTI_TENANT_REFUSED: {
    status: 422,
    message:
      'A multi-tenant Entra endpoint (common, organizations, consumers) lets accounts of any tenant in; turn on "Allow multi-tenant" only if you mean it.',
  },
  HOSTED_DOMAINS_REQUIRED: { status: 422, message: 'Google Workspace needs at least one allowed domain (the hd claim is checked against it).' },
  DOMAIN_INVALID: { status: 400, message: 'Enter a domain name such as example.com.' },
  DOMAIN_NOT_FOUND: { status: 404, message: 'This domain is not claimed by your organization.' },
  DOMAIN_ALREADY_CLAIMED: { status: 409, message: 'Your organization has already claimed this domain.' },
  DOMAIN_TAKEN: { status: 409, message: 'Another organization has already verified this domain. One domain belongs to one organization.' },
  DOMAIN_TXT_NOT_FOUND: { status: 422, message: 'The verification TXT record was not found. DNS changes can take a while to appear; try again later.' },
  DOMAIN_NOT_VERIFIED: { status: 409, message: 'Verify the domain before routing it to a connection.' },
  NO_SSO_FOR_DOMAIN: { status: 404, message: 'No single sign-on is set up for this email address. Use a sign-in link or a passkey.' },
  STATE_INVALID: { status: 400, message: 'This sign-in attempt is not valid or was already used. Start again from the sign-in page.' },
  STATE_EXPIRED: { status: 400, message: 'This sign-in attempt took longer than 10 minutes. Start again from the sign-in page.' },
  IDP_ERROR: { status: 400, message: 'The identity provider refused the sign-in.' },
  TOKEN_EXCHANGE_FAILED: { status: 400, message: 'The identity provider did not accept the sign-in code (check the client ID and client secret).' },
  ID_TOKEN_EXPIRED: {
    status: 400,
    message: "The identity provider's ID token had already expired: check that this server's clock and the identity provider's agree.",
  },
  CLOCK_SKEW: {
    status: 400,
    message: "The ID token was issued in the future by this server's clock: the clocks of this server and the identity provider disagree.",
  },
  WRONG_AUDIENCE: { status: 400, message: 'The ID token was issued to another application (its audience is not this connection’s client ID).' },
  WRONG_ISSUER: { status: 400, message: 'The ID token comes from another issuer than the one this connection trusts.' },
  BAD_SIGNATURE: { status: 400, message: "The ID token's signature does not match the identity provider's published keys." },
  UNKNOWN_KEY: { status: 400, message: 'The ID token was signed with a key the identity provider does not publish.' },
  NONCE_MISMATCH: { status: 400, message: 'The ID token does not belong to this sign-in attempt (nonce mismatch); it may be replayed.' },
  WRONG_TENANT: { status: 403, message: 'The account belongs to another Microsoft Entra tenant than the one this connection trusts.' },
  WRONG_HOSTED_DOMAIN: { status: 403, message: 'The Google account is not in one of the Google Workspace domains this connection allows.' },
  EMAIL_MISSING: { status: 400, message: 'The identity provider sent no email address (add the email scope or claim).' },
  EMAIL_NOT_ON_VERIFIED_DOMAIN: { status: 403, message: "The email address is not on one of your organization's verified domains." },
  NO_ACCOUNT: { status: 403, message: 'There is no account for this address in the organization, and just-in-time accounts are off. Ask your administrator.' },
  ACCOUNT_INACTIVE: { status: 403, message: 'This account cannot sign in. Ask your administrator.' },
  SSO_NOT_READY: {
    status: 409,
    message: 'Magic links can be disabled only once a connection has passed "Test connection" and an administrator has signed in through it.',
  },
  BREAK_GLASS_INVALID: { status: 422, message: 'Break-glass administrators must be active administrators with at least one passkey.' },
  MAGIC_LINKS_DISABLED: { status: 403, message: 'Your organization signs in through single sign-on: magic links are disabled for this address.' },
} as const satisfies Record<string, ErrorSpec>;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

export const SsoPreset = Type.Union([Type.Literal('generic'), Type.Literal('entra'), Type.Literal('okta'), Type.Literal('google')]);

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
  preset: SsoPreset,
  issuer: Type.String(),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean(),
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
  clientSecret: Type.String({ minLength: 1, maxLength: 2000 }),
  tenantId: Type.Optional(Type.String({ maxLength: 100 })),
  allowMultiTenant: Type.Optional(Type.Boolean()),
  hostedDomains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
  jitEnabled: Type.Optional(Type.Boolean()),
});
export const UpdateSsoConnectionBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
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

export const SsoSettings = Type.Object({
  disableMagicLinks: Type.Boolean(),
  /** Whether "Disable magic links when SSO is enabled" may be turned on now, and if not, why. */
  canDisableMagicLinks: Type.Boolean(),
  breakGlassUsers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
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
