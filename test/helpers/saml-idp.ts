// A small SAML 2.0 identity provider for single sign-on tests, on 127.0.0.1:0. It publishes its
// metadata, answers AuthnRequests (HTTP-Redirect binding) with a page that posts a signed response
// to the service provider's ACS (the HTTP-POST binding, as Okta and Entra ID do), and can be told
// to misbehave: sign nothing, sign with a key it does not publish, name another audience, expire the
// assertion, answer another request, ... Signatures are made with xml-crypto, the library node-saml
// verifies with; the XML is built here so a test can change any part of it.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

export interface SamlKeyPair {
  privateKey: string;
  certificate: string;
}

/** A self-signed RSA key and certificate, made by the machine's openssl. */
export function newSamlKeyPair(cn = 'Test IdP'): SamlKeyPair {
  const out = execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '-', '-out', '-', '-subj', `/CN=${cn}`, '-days', '2'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const privateKey = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(out)![0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(out)![0];
  return { privateKey, certificate };
}

export function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
}

export interface SamlAnswerOptions {
  sign?: 'response' | 'assertion' | 'both' | 'none';
  /** Signs with this key instead of the current one. */
  key?: SamlKeyPair;
  audience?: string;
  recipient?: string;
  destination?: string | null;
  issuer?: string;
  /** null: no InResponseTo at all (unsolicited). */
  inResponseTo?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  nameId?: string;
  attributes?: Record<string, string | string[]>;
}

export interface SamlPost {
  acsUrl: string;
  SAMLResponse: string;
  RelayState: string | undefined;
  /** The response XML, for tests that rewrite it. */
  xml: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function sign(xml: string, key: SamlKeyPair, what: 'Assertion' | 'Response'): string {
  const sig = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: what === 'Assertion' ? "//*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  const issuer = what === 'Assertion' ? "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']" : "/*[local-name(.)='Response']/*[local-name(.)='Issuer']";
  sig.computeSignature(xml, { location: { reference: issuer, action: 'after' } });
  return sig.getSignedXml();
}

function attributeXml(attributes: Record<string, string | string[]>): string {
  return Object.entries(attributes)
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('');
      return `<saml:Attribute Name="${esc(name)}">${values}</saml:Attribute>`;
    })
    .join('');
}

export interface TestSamlIdp {
  entityId: string;
  metadataUrl: string;
  ssoUrl: string;
  /** The key that signs now; `publish` says which certificates the metadata lists. */
  key: SamlKeyPair;
  published: SamlKeyPair[];
  metadataXml(): string;
  /** Accounts by NameID, with their attributes. */
  accounts: Map<string, Record<string, string | string[]>>;
  loginAs(nameId: string): void;
  /** Applied to the next answer only. */
  next(options: SamlAnswerOptions): void;
  /** Builds a response for this ACS as the identity provider would, signed as asked. */
  respond(input: { acsUrl: string; audience: string; inResponseTo: string | null; relayState?: string }, options?: SamlAnswerOptions): SamlPost;
  /** Plays the identity provider's login page for this AuthnRequest URL: the form it would post. */
  answer(authnRequestUrl: string): Promise<SamlPost>;
  close(): Promise<void>;
}

/**
 * `browserHost`: the host name in the single sign-on URL the browser is sent to (the server listens
 * on 127.0.0.1 either way). A browser test uses the app's own host name, so that the response posted
 * back is same-site and the SameSite=Lax state cookie of a plain-http app goes with it.
 */
export async function startSamlIdp(options: { browserHost?: string } = {}): Promise<TestSamlIdp> {
  const server: Server = createServer(
    (req, res) => void handle(req.url ?? '/').then(([type, body, status]) => res.writeHead(status, { 'content-type': type }).end(body)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Record<string, string | string[]>>();
  let nextLogin: string | null = null;
  let pending: SamlAnswerOptions = {};
  const first = newSamlKeyPair();

  const idp: TestSamlIdp = {
    entityId: `${base}/entity`,
    metadataUrl: `${base}/metadata`,
    ssoUrl: options.browserHost ? `${base.replace('127.0.0.1', options.browserHost)}/sso` : `${base}/sso`,
    key: first,
    published: [first],
    accounts,
    metadataXml: () =>
      `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${idp.entityId}">` +
      `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">` +
      idp.published
        .map(
          (k) =>
            `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(k.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
        )
        .join('') +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${idp.ssoUrl}"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idp.ssoUrl}"/>` +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`,
    loginAs: (nameId) => {
      nextLogin = nameId;
    },
    next: (options) => {
      pending = options;
    },
    respond: (input, options = {}) => buildResponse(input, options),
    answer: async (url) => {
      const res = await fetch(url);
      return formOf(await res.text(), res.status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function buildResponse(input: { acsUrl: string; audience: string; inResponseTo: string | null; relayState?: string }, o: SamlAnswerOptions): SamlPost {
    const now = Date.now();
    const nameId = o.nameId ?? nextLogin;
    if (!nameId) throw new Error('the test did not say who signs in (loginAs)');
    const attributes = o.attributes ?? accounts.get(nameId) ?? {};
    const irt = o.inResponseTo === undefined ? input.inResponseTo : o.inResponseTo;
    const irtAttr = irt ? ` InResponseTo="${esc(irt)}"` : '';
    const notOnOrAfter = iso(o.notOnOrAfter ?? new Date(now + 5 * 60_000));
    const issuer = `<saml:Issuer>${esc(o.issuer ?? idp.entityId)}</saml:Issuer>`;
    const destination = o.destination === null ? '' : ` Destination="${esc(o.destination ?? input.acsUrl)}"`;
    const assertion =
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.assertionId ?? `_a${randomUUID()}`}" Version="2.0" IssueInstant="${iso(new Date(now))}">${issuer}` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(nameId)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${irtAttr} NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.recipient ?? input.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${iso(o.notBefore ?? new Date(now - 30_000))}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${iso(new Date(now))}" SessionIndex="_s${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attributeXml(attributes)}</saml:AttributeStatement></saml:Assertion>`;
    const mode = o.sign ?? 'assertion';
    const key = o.key ?? idp.key;
    const signedAssertion = mode === 'assertion' || mode === 'both' ? sign(assertion, key, 'Assertion') : assertion;
    let xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(new Date(now))}"${destination}${irtAttr}>` +
      `${issuer}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signedAssertion}</samlp:Response>`;
    if (mode === 'response' || mode === 'both') xml = sign(xml, key, 'Response');
    return { acsUrl: input.acsUrl, SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: input.relayState, xml };
  }

  async function handle(url: string): Promise<[string, string, number]> {
    const u = new URL(url, base);
    if (u.pathname === '/metadata') return ['application/samlmetadata+xml', idp.metadataXml(), 200];
    if (u.pathname !== '/sso') return ['text/plain', 'not found', 404];
    const request = new DOMParser().parseFromString(
      inflateRawSync(Buffer.from(u.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8'),
      'text/xml',
    );
    const root = request.documentElement;
    const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0]?.textContent ?? '';
    const options = pending;
    pending = {};
    const post = buildResponse(
      {
        acsUrl: root.getAttribute('AssertionConsumerServiceURL')!,
        audience: issuer,
        inResponseTo: root.getAttribute('ID'),
        relayState: u.searchParams.get('RelayState') ?? undefined,
      },
      options,
    );
    const relay = post.RelayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${esc(post.RelayState)}">`;
    const html =
      `<!doctype html><html lang="en"><head><title>Test IdP</title></head><body onload="document.forms[0].submit()">` +
      `<form method="post" action="${esc(post.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${post.SAMLResponse}">${relay}<noscript><button>Continue</button></noscript></form></body></html>`;
    return ['text/html; charset=utf-8', html, 200];
  }

  function formOf(html: string, status: number): SamlPost {
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
    const action = /action="([^"]*)"/.exec(html)?.[1];
    const response = field('SAMLResponse');
    if (!action || !response) throw new Error(`the identity provider answered HTTP ${status}: ${html.slice(0, 300)}`);
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&gt;/g, '>')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&');
    const relay = field('RelayState');
    return {
      acsUrl: unescape(action),
      SAMLResponse: response,
      RelayState: relay === undefined ? undefined : unescape(relay),
      xml: Buffer.from(response, 'base64').toString('utf8'),
    };
  }

  return idp;
}
