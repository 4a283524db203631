// A SAML assertion's subject and attributes as the claims the OIDC flow produces, so account
// matching, just-in-time accounts, "Test connection" and any claim mapping treat both kinds alike:
// `sub` (NameID), `email`, `name`, `groups` (string array, when the identity provider sends groups),
// plus every attribute under its own name.
import type { Profile } from '@node-saml/node-saml';
import type { JWTPayload } from 'jose';
import { isValidEmail } from '../../platform/email.js';
import type { SsoConnectionRow } from './sso.table.js';

/** Attribute names Okta, Entra ID, Google, ADFS and Shibboleth use, in order of preference. */
const EMAIL = [
  'email',
  'mail',
  'Email',
  'emailAddress',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  'urn:oid:0.9.2342.19200300.100.1.3',
];
const NAME = ['name', 'displayName', 'http://schemas.microsoft.com/identity/claims/displayname', 'urn:oid:2.16.840.1.113730.3.1.241', 'cn'];
const GIVEN = ['firstName', 'givenName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'urn:oid:2.5.4.42'];
const FAMILY = ['lastName', 'surname', 'sn', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'urn:oid:2.5.4.4'];
const GROUPS = ['groups', 'Groups', 'memberOf', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', 'urn:oid:1.3.6.1.4.1.5923.1.5.1.1'];
const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

function values(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (typeof v === 'string' ? v.trim() : '')).filter(Boolean);
}

function first(attributes: Record<string, string[]>, names: readonly string[]): string | null {
  for (const name of names) if (attributes[name]?.length) return attributes[name][0];
  return null;
}

export function samlClaims(row: SsoConnectionRow, profile: Profile, assertionId: string): JWTPayload {
  const attributes: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries((profile.attributes ?? {}) as Record<string, unknown>)) attributes[name] = values(raw);
  const nameId = profile.nameID ?? '';
  const email = first(attributes, EMAIL) ?? (profile.nameIDFormat === NAMEID_EMAIL || isValidEmail(nameId) ? nameId : null);
  const given = first(attributes, GIVEN);
  const family = first(attributes, FAMILY);
  const name = first(attributes, NAME) ?? ([given, family].filter(Boolean).join(' ') || null);
  const groupsAttribute = GROUPS.find((g) => attributes[g]?.length);
  const flat = Object.fromEntries(Object.entries(attributes).map(([key, list]) => [key, list.length === 1 ? list[0] : list]));
  return {
    ...flat,
    iss: row.issuer,
    sub: nameId,
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
    ...(groupsAttribute ? { groups: attributes[groupsAttribute] } : {}),
    saml: { nameIdFormat: profile.nameIDFormat ?? null, sessionIndex: profile.sessionIndex ?? null, assertionId },
  };
}
