// How the product authenticates at the identity provider's token endpoint: with the client secret
// (client_secret_basic), or with private-key JWT (RFC 7523 client assertion, OIDC Core §9). For the
// latter the product generates an RSA key pair per connection, keeps the private key sealed like a
// client secret and publishes the public key as the connection's JWKS, which the identity provider
// fetches (or the administrator uploads).
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { DbOrTrx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { newToken } from '../../platform/tokens.js';
import { openSecret, sealSecret } from './sso.secrets.js';
import type { SsoConnectionRow, SsoTokenAuthMethod } from './sso.table.js';

const ALG = 'RS256';
/** Lifetime of one client assertion: it is used at once. */
const ASSERTION_SECONDS = 60;

export type ClientAuth = { method: 'client_secret_basic'; clientSecret: string } | { method: 'private_key_jwt'; assertion: string };

export function jwksUrl(deps: Deps, connectionId: string): string {
  return `${deps.config.publicUrl}/api/sso/connections/${connectionId}/jwks.json`;
}

/** Creates the connection's key pair unless it has one (switching back and forth keeps the registered key). */
export async function ensureClientKey(trx: DbOrTrx, deps: Deps, connection: { id: string; organization_id: string }): Promise<void> {
  const existing = await trx.selectFrom('sso_client_keys').select('key_id').where('connection_id', '=', connection.id).executeTakeFirst();
  if (existing) return;
  const { privateKey, publicKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const keyId = newToken().slice(0, 16);
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: keyId, alg: ALG, use: 'sig' };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: keyId, alg: ALG };
  await trx
    .insertInto('sso_client_keys')
    .values({
      connection_id: connection.id,
      organization_id: connection.organization_id,
      key_id: keyId,
      private_key: sealSecret(JSON.stringify(privateJwk), deps.config.ssoSecretKey),
      public_key: JSON.stringify(publicJwk),
      created_at: deps.clock().toISOString(),
    })
    .execute();
}

/** The connection's public key set, or null when it has no key pair. */
export async function publicJwksOf(db: DbOrTrx, connectionId: string): Promise<{ keys: JWK[] } | null> {
  const row = await db.selectFrom('sso_client_keys').select('public_key').where('connection_id', '=', connectionId).executeTakeFirst();
  return row ? { keys: [JSON.parse(row.public_key) as JWK] } : null;
}

/** A signed client assertion for one token request: iss = sub = client id, aud = the token endpoint, a fresh jti. */
export async function clientAssertion(deps: Deps, connection: SsoConnectionRow, tokenEndpoint: string): Promise<string> {
  const row = await deps.db.selectFrom('sso_client_keys').selectAll().where('connection_id', '=', connection.id).executeTakeFirst();
  if (!row) throw new Error('this connection has no key pair for private-key JWT; switch it to private-key JWT again');
  const jwk = JSON.parse(openSecret(row.private_key, deps.config.ssoSecretKey)) as JWK;
  const now = Math.floor(deps.clock().getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: row.key_id, typ: 'JWT' })
    .setIssuer(connection.client_id)
    .setSubject(connection.client_id)
    .setAudience(tokenEndpoint)
    .setJti(newToken())
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_SECONDS)
    .sign(await importJWK(jwk, ALG));
}

/** What the token request carries to authenticate the product. */
export async function clientAuthOf(deps: Deps, connection: SsoConnectionRow, tokenEndpoint: string): Promise<ClientAuth> {
  const method: SsoTokenAuthMethod = connection.token_auth_method;
  if (method === 'private_key_jwt') return { method, assertion: await clientAssertion(deps, connection, tokenEndpoint) };
  return { method: 'client_secret_basic', clientSecret: openSecret(connection.client_secret, deps.config.ssoSecretKey) };
}
