/** The identity provider side of a SAML connection, kept as JSON in sso_connections.saml. */
export interface SamlIdpSettings {
  /** Where AuthnRequests go (HTTP-Redirect binding). */
  ssoUrl: string;
  /** PEM certificates whose keys may sign responses or assertions: one, or two during a rotation. */
  certificates: string[];
  /** The metadata URL the settings were read from, when they came from one. */
  metadataUrl: string | null;
  /** Unsolicited responses (sign-in started at the identity provider's dashboard). Off by default. */
  allowIdpInitiated: boolean;
}

/** Assertion ids already accepted, per connection, kept until the assertion expires (replay cache). */
export interface SsoSamlAssertionsTable {
  connection_id: string;
  assertion_id: string;
  expires_at: string;
  created_at: string;
}
