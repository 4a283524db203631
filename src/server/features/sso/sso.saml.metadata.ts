// The identity provider's SAML metadata: its entity ID, its single sign-on URL (HTTP-Redirect
// binding) and its signing certificates. Read from pasted/uploaded XML or fetched from its URL
// through the outbound-URL guard (public https only, unless SSO_ALLOW_LOOPBACK_ISSUERS). This only
// reads settings; every signature is checked by @node-saml/node-saml.
import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import type { Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requestOutbound } from '../../platform/outbound-url.js';
import { SSO_ERRORS } from './sso.errors.js';
import { assertIssuerAllowed } from './sso.oidc.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
/** A rotation overlaps two certificates; more is a sign of the wrong document. */
export const MAX_CERTIFICATES = 2;

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

function invalid(detail: string): Error {
  return fail(SSO_ERRORS, 'SAML_METADATA_INVALID', { detail }, `${SSO_ERRORS.SAML_METADATA_INVALID.message} ${detail}`);
}

function children(parent: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name) found.push(node as Element);
  }
  return found;
}

/** A certificate as PEM, from PEM or bare base64; throws SAML_CERTIFICATE_INVALID when it is not an X.509 certificate. */
export function toPem(text: string): string {
  const body = text
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
  const pem = `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw fail(SSO_ERRORS, 'SAML_CERTIFICATE_INVALID');
  }
  return pem;
}

export function normalizeCertificates(list: readonly string[]): string[] {
  const pems = [...new Set(list.map(toPem))];
  if (pems.length === 0 || pems.length > MAX_CERTIFICATES) throw fail(SSO_ERRORS, 'SAML_CERTIFICATE_INVALID');
  return pems;
}

function idpDescriptor(xml: string): { entity: Element; idp: Element } {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: string) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
    xml,
    'text/xml',
  );
  const root = doc.documentElement;
  if (errors.length || !root) throw invalid('It is not well-formed XML.');
  const entities = root.localName === 'EntitiesDescriptor' ? children(root, MD, 'EntityDescriptor') : [root];
  for (const entity of entities) {
    if (entity.namespaceURI !== MD || entity.localName !== 'EntityDescriptor') continue;
    const [idp] = children(entity, MD, 'IDPSSODescriptor');
    if (idp) return { entity, idp };
  }
  throw invalid('It has no EntityDescriptor with an IDPSSODescriptor (is this the identity provider’s metadata?).');
}

export function parseIdpMetadata(xml: string): IdpMetadata {
  const { entity, idp } = idpDescriptor(xml);
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw invalid('The EntityDescriptor has no entityID.');
  const sso = children(idp, MD, 'SingleSignOnService').find((s) => s.getAttribute('Binding') === REDIRECT_BINDING);
  const ssoUrl = sso?.getAttribute('Location')?.trim();
  if (!ssoUrl) throw invalid('It has no SingleSignOnService with the HTTP-Redirect binding.');
  const texts = children(idp, MD, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => children(k, DS, 'KeyInfo'))
    .flatMap((k) => children(k, DS, 'X509Data'))
    .flatMap((d) => children(d, DS, 'X509Certificate'))
    .map((c) => c.textContent ?? '');
  if (texts.length === 0) throw invalid('It has no signing certificate (KeyDescriptor use="signing").');
  if (new Set(texts.map((t) => t.replace(/\s+/g, ''))).size > MAX_CERTIFICATES) throw invalid(`It has more than ${MAX_CERTIFICATES} signing certificates.`);
  return { entityId, ssoUrl, certificates: normalizeCertificates(texts) };
}

export async function fetchIdpMetadata(deps: Deps, url: string): Promise<IdpMetadata> {
  assertIssuerAllowed(deps, url);
  const answer = await requestOutbound({ method: 'GET', url, timeoutMs: 10_000, allowPrivate: deps.config.ssoAllowLoopbackIssuers }).catch((error: Error) => {
    throw fail(SSO_ERRORS, 'SAML_METADATA_FETCH_FAILED', { detail: error.message });
  });
  if (answer.status !== 200) throw fail(SSO_ERRORS, 'SAML_METADATA_FETCH_FAILED', { detail: `HTTP ${answer.status}` });
  return parseIdpMetadata(answer.body);
}
