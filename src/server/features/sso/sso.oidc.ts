// The relying party's side of OpenID Connect: discovery, the JWKS cache, the authorization URL
// (code flow with PKCE S256), the code exchange and the ID token checks. Every request to the
// identity provider goes through platform/outbound-url.ts: public https addresses only, unless
// SSO_ALLOW_LOOPBACK_ISSUERS is set (tests, a local identity provider).
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { nonPublicKind, requestOutbound, urlHost } from '../../platform/outbound-url.js';
import type { ClientAuth } from './sso.client-auth.js';
import { SSO_ERRORS, type SsoErrorCode } from './sso.errors.js';

/** Seconds of disagreement between our clock and the identity provider's that are forgiven. */
export const CLOCK_SKEW_SECONDS = 60;
const DISCOVERY_TTL_MS = 10 * 60_000;
/**
 * A token naming an unknown key fetches the key set again at most this often per key set URL
 * (jose's createRemoteJWKSet waits as long): forged `kid`s cannot make us hammer the identity provider.
 */
export const JWKS_REFETCH_COOLDOWN_MS = 30_000;
const TIMEOUT_MS = 10_000;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** An OIDC failure with its code and, for the test view, what exactly was wrong. */
export class OidcFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly detail?: string,
  ) {
    super(SSO_ERRORS[code].message);
  }
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Refuses an issuer this deployment may not call: http, or a loopback/private address, unless allowed. */
export function assertIssuerAllowed(deps: Deps, issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw fail(SSO_ERRORS, 'ISSUER_NOT_ALLOWED', { issuer });
  }
  if (deps.config.ssoAllowLoopbackIssuers) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(SSO_ERRORS, 'ISSUER_NOT_ALLOWED', { issuer });
    return url;
  }
  const host = urlHost(url);
  if (url.protocol !== 'https:' || host === 'localhost' || (isIP(host) && nonPublicKind(host))) throw fail(SSO_ERRORS, 'ISSUER_NOT_ALLOWED', { issuer });
  return url;
}

/**
 * Discovery documents and key sets, per process. A key set is fetched again when a token names an
 * unknown key, at most once per JWKS_REFETCH_COOLDOWN_MS (by the app clock) and once at a time:
 * requests that want it meanwhile share the fetch in flight.
 */
export class OidcDirectory {
  private readonly discoveries = new Map<string, { doc: Discovery; fetchedAt: number }>();
  private readonly keySets = new Map<string, { jwks: JSONWebKeySet; fetchedAt: number }>();
  private readonly keySetFetches = new Map<string, Promise<JSONWebKeySet>>();
  constructor(private readonly deps: Deps) {}

  private async getJson(url: string, what: string): Promise<unknown> {
    assertIssuerAllowed(this.deps, url);
    const answer = await requestOutbound({ method: 'GET', url, timeoutMs: TIMEOUT_MS, allowPrivate: this.deps.config.ssoAllowLoopbackIssuers }).catch(
      (error: Error) => {
        throw new OidcFailure('DISCOVERY_FAILED', `${what}: ${error.message}`);
      },
    );
    if (answer.status !== 200) throw new OidcFailure('DISCOVERY_FAILED', `${what} answered HTTP ${answer.status}`);
    try {
      return JSON.parse(answer.body);
    } catch {
      throw new OidcFailure('DISCOVERY_FAILED', `${what} is not JSON`);
    }
  }

  async discover(issuer: string): Promise<Discovery> {
    const cached = this.discoveries.get(issuer);
    if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.doc;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const doc = (await this.getJson(url, url)) as Partial<Discovery>;
    if (doc.issuer !== issuer) throw new OidcFailure('DISCOVERY_FAILED', `the document names issuer "${String(doc.issuer)}", not "${issuer}"`);
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof doc[field] !== 'string') throw new OidcFailure('DISCOVERY_FAILED', `the document has no ${field}`);
      assertIssuerAllowed(this.deps, doc[field]);
    }
    this.discoveries.set(issuer, { doc: doc as Discovery, fetchedAt: Date.now() });
    return doc as Discovery;
  }

  /** The cached key set; a fresh one when `refresh` asks and the last fetch is older than the cooldown. */
  private async keySet(jwksUri: string, refresh: boolean): Promise<JSONWebKeySet> {
    const cached = this.keySets.get(jwksUri);
    const coolingDown = cached !== undefined && this.deps.clock().getTime() - cached.fetchedAt < JWKS_REFETCH_COOLDOWN_MS;
    if (cached && (!refresh || coolingDown)) return cached.jwks;
    const inFlight = this.keySetFetches.get(jwksUri);
    if (inFlight) return inFlight;
    const fetching = this.fetchKeySet(jwksUri).finally(() => this.keySetFetches.delete(jwksUri));
    this.keySetFetches.set(jwksUri, fetching);
    return fetching;
  }

  private async fetchKeySet(jwksUri: string): Promise<JSONWebKeySet> {
    const jwks = (await this.getJson(jwksUri, 'the JWKS')) as JSONWebKeySet;
    if (!Array.isArray(jwks?.keys)) throw new OidcFailure('DISCOVERY_FAILED', 'the JWKS has no keys');
    this.keySets.set(jwksUri, { jwks, fetchedAt: this.deps.clock().getTime() });
    return jwks;
  }

  /**
   * Exchanges the code (client_secret_basic or private_key_jwt, with the PKCE verifier) and returns the raw ID token.
   */
  async exchangeCode(doc: Discovery, input: { clientId: string; auth: ClientAuth; code: string; codeVerifier: string; redirectUri: string }): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (input.auth.method === 'private_key_jwt') {
      body.set('client_id', input.clientId);
      body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      body.set('client_assertion', input.auth.assertion);
    } else {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.auth.clientSecret)}`).toString('base64')}`;
    }
    const answer = await requestOutbound({
      method: 'POST',
      url: doc.token_endpoint,
      headers,
      body: body.toString(),
      timeoutMs: TIMEOUT_MS,
      allowPrivate: this.deps.config.ssoAllowLoopbackIssuers,
    }).catch((error: Error) => {
      throw new OidcFailure('TOKEN_EXCHANGE_FAILED', error.message);
    });
    let parsed: { id_token?: unknown; error?: string; error_description?: string } = {};
    try {
      parsed = JSON.parse(answer.body) as typeof parsed;
    } catch {
      /* reported below */
    }
    if (answer.status !== 200 || typeof parsed.id_token !== 'string') {
      throw new OidcFailure(
        'TOKEN_EXCHANGE_FAILED',
        `HTTP ${answer.status}${parsed.error ? `: ${parsed.error} ${parsed.error_description ?? ''}` : ''}`.trim(),
      );
    }
    return parsed.id_token;
  }

  /**
   * Checks signature, iss, aud (and azp when there are several audiences), exp/nbf/iat with a
   * small skew, and the nonce. An unknown `kid` fetches the key set once more (key rotation), unless
   * it was fetched less than JWKS_REFETCH_COOLDOWN_MS ago.
   */
  async verifyIdToken(doc: Discovery, idToken: string, expected: { issuer: string | ((payload: JWTPayload) => string); clientId: string; nonce: string }) {
    let payload: JWTPayload;
    try {
      payload = decodeJwt(idToken);
    } catch {
      throw new OidcFailure('BAD_SIGNATURE', 'the ID token is not a JWT');
    }
    const issuer = typeof expected.issuer === 'function' ? expected.issuer(payload) : expected.issuer;
    const options = {
      issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: this.deps.clock(),
      maxTokenAge: '1 day',
    };
    const verify = async (refresh: boolean) => jwtVerify(idToken, createLocalJWKSet(await this.keySet(doc.jwks_uri, refresh)), options);
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      result = await verify(false).catch((error: unknown) => {
        if (error instanceof joseErrors.JWKSNoMatchingKey) return verify(true);
        throw error;
      });
    } catch (error) {
      throw explain(error, payload, expected.clientId, issuer);
    }
    const claims = result.payload;
    if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== expected.clientId)
      throw new OidcFailure('WRONG_AUDIENCE', `azp is ${String(claims.azp)}`);
    if (claims.nonce !== expected.nonce) throw new OidcFailure('NONCE_MISMATCH');
    return claims;
  }
}

/** jose's error → our code, with what the token said. */
function explain(error: unknown, payload: JWTPayload, clientId: string, issuer: string): OidcFailure {
  if (error instanceof OidcFailure) return error;
  const now = (at: unknown) => (typeof at === 'number' ? new Date(at * 1000).toISOString() : String(at));
  if (error instanceof joseErrors.JWTExpired) return new OidcFailure('ID_TOKEN_EXPIRED', `exp ${now(payload.exp)}, allowed skew ${CLOCK_SKEW_SECONDS} s`);
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new OidcFailure('WRONG_AUDIENCE', `aud is ${JSON.stringify(payload.aud)}, expected ${clientId}`);
    if (error.claim === 'iss') return new OidcFailure('WRONG_ISSUER', `iss is ${String(payload.iss)}, expected ${issuer}`);
    if (error.claim === 'iat' || error.claim === 'nbf') return new OidcFailure('CLOCK_SKEW', `${error.claim} ${now(payload[error.claim])}`);
    return new OidcFailure('BAD_SIGNATURE', error.message);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return new OidcFailure('UNKNOWN_KEY', 'no published key matches the token’s kid');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new OidcFailure('BAD_SIGNATURE');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new OidcFailure('BAD_SIGNATURE', 'the token is not signed with an asymmetric algorithm');
  return new OidcFailure('BAD_SIGNATURE', (error as Error).message);
}
