// What a SAML connection shows: our service provider's side (entity ID, ACS URL, metadata URL, all
// derived from PUBLIC_URL and the connection id) and the identity provider's settings we keep.
import { X509Certificate } from 'node:crypto';
import type { SamlConnectionDetails } from '../../../contracts/sso-saml.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { SSO_ERRORS } from './sso.errors.js';
import type { SamlIdpSettings } from './sso.saml.table.js';
import type { SsoConnectionRow } from './sso.table.js';

/** Our entity ID for this connection; it is also the address of our SP metadata. */
export function spEntityId(deps: Pick<Deps, 'config'>, connectionId: string): string {
  return `${deps.config.publicUrl}/api/sso/saml/${connectionId}/metadata`;
}

/** The Assertion Consumer Service: where the identity provider posts its response. */
export function acsUrl(deps: Pick<Deps, 'config'>, connectionId: string): string {
  return `${deps.config.publicUrl}/api/sso/saml/${connectionId}/acs`;
}

export function samlSettingsOf(row: Pick<SsoConnectionRow, 'saml'>): SamlIdpSettings {
  if (!row.saml) throw new Error('not a SAML connection');
  return JSON.parse(row.saml) as SamlIdpSettings;
}

/** Refuses to start or finish a sign-in on a connection whose identity provider is not known yet. */
export function assertSamlConfigured(row: Pick<SsoConnectionRow, 'saml'>): void {
  if (samlSettingsOf(row).certificates.length === 0) throw fail(SSO_ERRORS, 'SAML_NOT_CONFIGURED');
}

export function certificateInfo(pem: string): { subject: string; fingerprintSha256: string; notAfter: string } {
  const cert = new X509Certificate(pem);
  return { subject: cert.subject.replace(/\n/g, ', '), fingerprintSha256: cert.fingerprint256, notAfter: new Date(cert.validTo).toISOString() };
}

export function samlDetails(deps: Pick<Deps, 'config'>, row: SsoConnectionRow): SamlConnectionDetails {
  const settings = samlSettingsOf(row);
  return {
    spMetadataUrl: spEntityId(deps, row.id),
    spEntityId: spEntityId(deps, row.id),
    acsUrl: acsUrl(deps, row.id),
    idpEntityId: row.issuer,
    idpSsoUrl: settings.ssoUrl,
    idpMetadataUrl: settings.metadataUrl,
    certificates: settings.certificates.map(certificateInfo),
    allowIdpInitiated: settings.allowIdpInitiated,
  };
}

/** A connection by id alone: the ACS and SP metadata are reached without a session, before any organization is known. */
export async function findConnectionAnywhere(db: DbOrTrx, id: string): Promise<SsoConnectionRow | undefined> {
  return db.selectFrom('sso_connections').selectAll().where('id', '=', id).executeTakeFirst();
}
