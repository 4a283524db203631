// A SAML response's checks. @node-saml/node-saml verifies the XML signature (of the response or of
// the assertion, against the connection's one or two certificates) and the audience, and hands back
// only the signed assertion; every check below reads that signed assertion, never the envelope's
// unsigned copy (signature wrapping). Here: issuer, Recipient and Destination, NotBefore and
// NotOnOrAfter by our clock with a small skew, InResponseTo against the request this browser sent,
// and the replay cache of assertion ids in the database (shared by every process).
import type { Profile } from '@node-saml/node-saml';
import { SamlStatusError } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { JWTPayload } from 'jose';
import type { Deps } from '../../platform/deps.js';
import { acsUrl } from './sso.saml.details.js';
import { samlFor } from './sso.saml.flow.js';
import { samlClaims } from './sso.saml.claims.js';
import { CLOCK_SKEW_SECONDS, OidcFailure } from './sso.oidc.js';
import type { SsoConnectionRow } from './sso.table.js';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

function parse(xml: string): Document | null {
  let broken = false;
  const doc = new DOMParser({ errorHandler: (level: string) => void (level !== 'warning' && (broken = true)) }).parseFromString(xml, 'text/xml');
  return broken ? null : doc;
}

function child(parent: Element | null | undefined, ns: string, name: string): Element | null {
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name) return node as Element;
  }
  return null;
}

function allChildren(parent: Element | null, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name) found.push(node as Element);
  }
  return found;
}

/** The envelope, before any signature is checked: only to tell "unsigned" from "badly signed". */
function readEnvelope(samlResponse: string): Element {
  const doc = parse(Buffer.from(samlResponse, 'base64').toString('utf8'));
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== SAMLP || root.localName !== 'Response') throw new OidcFailure('SAML_RESPONSE_INVALID', 'no samlp:Response');
  const signed = child(root, DS, 'Signature') ?? child(child(root, SAML, 'Assertion'), DS, 'Signature');
  if (!signed && !child(root, SAML, 'EncryptedAssertion')) throw new OidcFailure('SAML_UNSIGNED');
  return root;
}

/** node-saml's refusal → our code, with its words as the detail. */
function explain(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  const message = (error as Error).message ?? String(error);
  if (error instanceof SamlStatusError) return new OidcFailure('IDP_ERROR', message);
  if (/audience/i.test(message)) return new OidcFailure('SAML_WRONG_AUDIENCE', message);
  if (/signature/i.test(message)) return new OidcFailure('SAML_BAD_SIGNATURE', message);
  return new OidcFailure('SAML_RESPONSE_INVALID', message);
}

function timeOf(element: Element | null, attribute: string): number | null {
  const value = element?.getAttribute(attribute);
  if (!value) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new OidcFailure('SAML_RESPONSE_INVALID', `${attribute} is not a time: ${value}`);
  return at;
}

function checkTimes(deps: Deps, conditions: Element | null, confirmation: Element): number {
  const now = deps.clock().getTime();
  const skew = CLOCK_SKEW_SECONDS * 1000;
  const notBefore = timeOf(conditions, 'NotBefore');
  if (notBefore !== null && now + skew < notBefore)
    throw new OidcFailure(
      'SAML_CLOCK_SKEW',
      `NotBefore ${new Date(notBefore).toISOString()}, now ${new Date(now).toISOString()}, allowed skew ${CLOCK_SKEW_SECONDS} s`,
    );
  const ends = [timeOf(conditions, 'NotOnOrAfter'), timeOf(confirmation, 'NotOnOrAfter')].filter((t): t is number => t !== null);
  if (ends.length === 0) throw new OidcFailure('SAML_RESPONSE_INVALID', 'the assertion has no NotOnOrAfter');
  const end = Math.min(...ends);
  if (now - skew >= end)
    throw new OidcFailure(
      'SAML_EXPIRED',
      `NotOnOrAfter ${new Date(end).toISOString()}, now ${new Date(now).toISOString()}, allowed skew ${CLOCK_SKEW_SECONDS} s`,
    );
  return end;
}

/** The signed assertion's own statements: issuer, bearer confirmation for our ACS, times, InResponseTo. */
function checkAssertion(deps: Deps, row: SsoConnectionRow, profile: Profile, requestId: string | null): { id: string; expiresAt: number } {
  const assertion = parse(profile.getAssertionXml?.() ?? '')?.documentElement ?? null;
  const id = assertion?.getAttribute('ID');
  if (!assertion || assertion.localName !== 'Assertion' || !id)
    throw new OidcFailure('SAML_RESPONSE_INVALID', 'the signed part is not an assertion with an ID');
  const issuer = child(assertion, SAML, 'Issuer')?.textContent?.trim();
  if (issuer !== row.issuer) throw new OidcFailure('SAML_WRONG_ISSUER', `Issuer is ${issuer ?? 'missing'}, expected ${row.issuer}`);
  const confirmations = allChildren(child(assertion, SAML, 'Subject'), SAML, 'SubjectConfirmation')
    .filter((c) => c.getAttribute('Method') === BEARER)
    .map((c) => child(c, SAML, 'SubjectConfirmationData'))
    .filter((d): d is Element => d !== null);
  if (confirmations.length === 0) throw new OidcFailure('SAML_RESPONSE_INVALID', 'the assertion has no bearer SubjectConfirmationData');
  const expected = acsUrl(deps, row.id);
  const confirmation = confirmations.find((d) => d.getAttribute('Recipient') === expected);
  if (!confirmation)
    throw new OidcFailure(
      'SAML_WRONG_RECIPIENT',
      `Recipient is ${confirmations.map((d) => d.getAttribute('Recipient') || 'missing').join(', ')}, expected ${expected}`,
    );
  const expiresAt = checkTimes(deps, child(assertion, SAML, 'Conditions'), confirmation);
  const answers = confirmation.getAttribute('InResponseTo') || null;
  if (answers !== requestId)
    throw new OidcFailure(
      'SAML_IN_RESPONSE_TO',
      requestId ? `InResponseTo is ${answers ?? 'missing'}, expected ${requestId}` : `an unsolicited response answers request ${answers}`,
    );
  return { id, expiresAt };
}

/** The envelope's Destination and InResponseTo, when given, must agree too (they are signed when the response is). */
function checkEnvelope(deps: Deps, row: SsoConnectionRow, envelope: Element, requestId: string | null): void {
  const destination = envelope.getAttribute('Destination');
  if (destination && destination !== acsUrl(deps, row.id)) throw new OidcFailure('SAML_WRONG_RECIPIENT', `Destination is ${destination}`);
  const answers = envelope.getAttribute('InResponseTo') || null;
  if (answers && answers !== requestId)
    throw new OidcFailure('SAML_IN_RESPONSE_TO', `the response's InResponseTo is ${answers}, expected ${requestId ?? 'none'}`);
}

/** Keeps the assertion id until it expires; a second use, by any process, is refused. */
async function burnAssertion(deps: Deps, row: SsoConnectionRow, id: string, expiresAt: number): Promise<void> {
  const now = deps.clock();
  await deps.db.deleteFrom('sso_saml_assertions').where('expires_at', '<', now.toISOString()).execute();
  const skewed = new Date(expiresAt + CLOCK_SKEW_SECONDS * 1000).toISOString();
  const inserted = await deps.db
    .insertInto('sso_saml_assertions')
    .values({ connection_id: row.id, assertion_id: id, expires_at: skewed, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['connection_id', 'assertion_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new OidcFailure('SAML_REPLAYED', `assertion ${id}`);
}

/** The checked response's claims, in the shape the OIDC flow hands to account matching. `requestId` null: IdP-initiated. */
export async function verifySamlResponse(deps: Deps, row: SsoConnectionRow, samlResponse: string, requestId: string | null): Promise<JWTPayload> {
  const envelope = readEnvelope(samlResponse);
  let profile: Profile | null;
  try {
    ({ profile } = await samlFor(deps, row).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    throw explain(error);
  }
  if (!profile) throw new OidcFailure('SAML_RESPONSE_INVALID', 'the response carries no assertion');
  const { id, expiresAt } = checkAssertion(deps, row, profile, requestId);
  checkEnvelope(deps, row, envelope, requestId);
  await burnAssertion(deps, row, id, expiresAt);
  return samlClaims(row, profile, id);
}
