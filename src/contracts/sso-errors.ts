// Single sign-on's error codes (OIDC and SAML), part of the catalogue in errors.ts.

/** SAML 2.0 connections: their configuration and the checks of each response (part of SSO_ERRORS). */
const SAML_ERRORS = {
  SAML_METADATA_INVALID: { status: 422, message: "The identity provider's SAML metadata could not be read." },
  SAML_METADATA_FETCH_FAILED: { status: 422, message: "The identity provider's SAML metadata URL could not be fetched." },
  SAML_CERTIFICATE_INVALID: { status: 422, message: 'Give one or two X.509 signing certificates (PEM or base64) of the identity provider.' },
  SAML_NOT_SAML: { status: 409, message: 'This connection is not a SAML connection.' },
  SAML_OIDC_ONLY_SETTING: {
    status: 422,
    message: 'A client secret, token authentication method or hosted domains belong to OIDC connections; this is a SAML connection.',
  },
  SAML_NOT_CONFIGURED: {
    status: 409,
    message: "This SAML connection has no identity provider yet: give the identity provider's metadata (XML or URL) first.",
  },
  SAML_RESPONSE_INVALID: { status: 400, message: 'The identity provider sent no readable SAML response.' },
  SAML_UNSIGNED: {
    status: 400,
    message: 'The SAML response is not signed: neither the response nor the assertion carries a signature. Turn on signing at the identity provider.',
  },
  SAML_BAD_SIGNATURE: {
    status: 400,
    message:
      "The SAML signature does not match the identity provider's certificates (or covers another part of the message). If the identity provider rotated its certificate, update the metadata.",
  },
  SAML_WRONG_ISSUER: { status: 400, message: 'The SAML assertion comes from another identity provider (entity ID) than the one this connection trusts.' },
  SAML_WRONG_AUDIENCE: { status: 400, message: "The SAML assertion was issued to another service provider (its audience is not this connection's entity ID)." },
  SAML_WRONG_RECIPIENT: { status: 400, message: "The SAML response was sent for another address than this connection's ACS URL (Recipient or Destination)." },
  SAML_EXPIRED: { status: 400, message: "The SAML assertion had already expired: check that this server's clock and the identity provider's agree." },
  SAML_CLOCK_SKEW: {
    status: 400,
    message: "The SAML assertion is not valid yet by this server's clock: the clocks of this server and the identity provider disagree.",
  },
  SAML_REPLAYED: { status: 400, message: 'This SAML assertion was already used to sign in; it is refused a second time (replay).' },
  SAML_IN_RESPONSE_TO: { status: 400, message: 'The SAML response answers another sign-in request than the one this browser started (InResponseTo).' },
  SAML_IDP_INITIATED_DISABLED: {
    status: 403,
    message: 'Sign-in started at the identity provider (IdP-initiated) is off for this connection. Start from the sign-in page.',
  },
} as const;

/** Single sign-on's error codes: shared so the console can word a failed test or sign-in. */
export const SSO_ERRORS = {
  ...SAML_ERRORS,
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
  EMAIL_DOMAIN_NOT_ALLOWED: {
    status: 403,
    message:
      "Just-in-time accounts follow your organization's allowed email domains, and this address is not on one of them. Ask your administrator for an invitation.",
  },
  ACCOUNT_INACTIVE: { status: 403, message: 'This account cannot sign in. Ask your administrator.' },
  SSO_NOT_READY: {
    status: 409,
    message: 'Magic links can be disabled only once a connection has passed "Test connection" and an administrator has signed in through it.',
  },
  BREAK_GLASS_INVALID: { status: 422, message: 'Break-glass administrators must be active administrators with at least one passkey.' },
  MAGIC_LINKS_DISABLED: { status: 403, message: 'Your organization signs in through single sign-on: magic links are disabled for this address.' },
  CLIENT_SECRET_REQUIRED: { status: 422, message: 'Enter the client secret, or choose private-key JWT client authentication.' },
  SSO_ROLE_RULE_EXISTS: { status: 409, message: 'This connection already has a rule for that IdP group.' },
  SSO_ROLE_RULE_NOT_FOUND: { status: 404, message: 'This group-to-role rule does not exist.' },
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;
