// A real OpenID Provider (panva's certified `oidc-provider`) on 127.0.0.1:0 with one confidential
// client registered, for single sign-on tests. Logins are not typed: the test says who signs in next
// (`loginAs`) and the interaction completes as that account. To play a misbehaving or compromised
// identity provider, `tamper` re-signs the ID token of the next code exchange with changed claims
// (or with a key it does not publish), and `rotateKeys` replaces its signing key.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claims by subject (sub): email, name, tid, hd, ... */
  accounts: Map<string, Record<string, unknown>>;
  loginAs(sub: string): void;
  /**
   * Applied to the next token response's ID token (then cleared). `foreignKey` signs with an unpublished key under the
   * real kid; `kid` signs with an unpublished key under that kid (one the provider never publishes).
   */
  tamper(change: { claims?: (claims: JWTPayload) => JWTPayload; foreignKey?: boolean; kid?: string }): void;
  /** How many times the provider's key set (JWKS) was fetched. */
  jwksFetches(): number;
  /** A new signing key; the old one is no longer published. */
  rotateKeys(): Promise<void>;
  /** From now on the client authenticates with private-key JWT, its keys read from `jwksUri` (or again with its secret). */
  useClientAuth(auth: { method: 'private_key_jwt'; jwksUri: string } | { method: 'client_secret_basic' }): void;
  close(): Promise<void>;
}

function newSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

type Tamper = Parameters<TestIdp['tamper']>[0] | null;

async function resign(idToken: string, key: JWK, change: NonNullable<Tamper>): Promise<string> {
  const header = decodeProtectedHeader(idToken);
  const claims = change.claims ? change.claims(decodeJwt(idToken)) : decodeJwt(idToken);
  const kid = change.kid ?? header.kid ?? key.kid;
  const signingKey = change.foreignKey || change.kid ? { ...newSigningKey(), kid } : key;
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(await importJWK(signingKey, 'RS256'));
}

export async function startTestIdp(options: { redirectUri: string; idTokenTtlSeconds?: number }): Promise<TestIdp> {
  const accounts = new Map<string, Record<string, unknown>>();
  const clientId = `sofie-${randomUUID().slice(0, 8)}`;
  const clientSecret = randomUUID();
  let nextLogin: string | null = null;
  let pendingTamper: Tamper = null;
  let key = newSigningKey();
  let clientAuth: Parameters<TestIdp['useClientAuth']>[0] = { method: 'client_secret_basic' };
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  let jwksFetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) return void completeInteraction(req, res);
    if (req.url?.split('?')[0] === '/jwks') jwksFetches++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let provider: Provider;

  function build(): void {
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          ...(clientAuth.method === 'private_key_jwt'
            ? { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: clientAuth.jwksUri }
            : { client_secret: clientSecret }),
          redirect_uris: [options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [key] },
      findAccount: async (_ctx, sub) => (accounts.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined),
      claims: { openid: ['sub', 'tid', 'hd', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      ttl: { IdToken: options.idTokenTtlSeconds ?? 300, AccessToken: 300, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
      cookies: { keys: [randomUUID()] },
      // The client's JWKS (private-key JWT) is served by the app under test on 127.0.0.1, which the
      // provider's own fetch refuses (SSRF protection): this test IdP fetches without its dispatcher.
      fetch: (url, { dispatcher: _ignored, ...init }) => globalThis.fetch(url, init),
      // Consent is implied: the tests' users always agree.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path === '/token' && pendingTamper && body?.id_token) {
        const change = pendingTamper;
        pendingTamper = null;
        ctx.body = { ...body, id_token: await resign(body.id_token, key, change) };
      }
    });
    handler = provider.callback();
  }

  async function completeInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await provider.interactionDetails(req, res);
      if (!nextLogin) throw new Error('the test did not say who signs in (loginAs)');
      await provider.interactionFinished(req, res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }

  build();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    loginAs: (sub) => {
      nextLogin = sub;
    },
    tamper: (change) => {
      pendingTamper = change;
    },
    jwksFetches: () => jwksFetches,
    rotateKeys: async () => {
      key = newSigningKey();
      build();
    },
    useClientAuth: (auth) => {
      clientAuth = auth;
      build();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Follows the browser's redirects from the authorization URL through the identity provider until it
 * sends the browser back to `redirectPrefix`; returns that URL (with code and state).
 */
export async function followToCallback(authorizeUrl: string, redirectPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectPrefix)) return url;
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the identity provider stopped at ${url} with HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}
