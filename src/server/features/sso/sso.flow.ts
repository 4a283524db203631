// The authorization code flow: start (state, nonce and PKCE verifier kept server-side for 10
// minutes, single use; the state also in a cookie so that a code cannot be replayed from another
// browser) and the callback (code exchange, ID token checks, preset rules, then sign-in or the
// "Test connection" report).
import type { JWTPayload } from 'jose';
import type { Deps } from '../../platform/deps.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { AppError, fail } from '../../platform/errors.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { clientAuthOf } from './sso.client-auth.js';
import { connectionLabel, listConnections, redirectUri, requireConnection } from './sso.connections.js';
import { verifiedDomainOf } from './sso.domains.js';
import { SSO_ERRORS } from './sso.errors.js';
import { OidcFailure, pkceChallenge, type OidcDirectory } from './sso.oidc.js';
import type { SsoConnectionRow, SsoLoginStateRow } from './sso.table.js';

export const STATE_COOKIE = 'sofie_sso_state';
export const STATE_MINUTES = 10;

export interface Started {
  url: string;
  state: string;
}

/** The connection that signs in this address: its verified domain's, or the organization's only enabled one. */
export async function connectionForEmail(deps: Deps, email: string): Promise<SsoConnectionRow | null> {
  if (!isValidEmail(email)) return null;
  const domain = await verifiedDomainOf(deps.db, normalizeEmail(email));
  if (!domain) return null;
  const enabled = (await listConnections(deps.db, domain.organization_id)).filter((c) => c.enabled === 1);
  if (domain.connection_id) return enabled.find((c) => c.id === domain.connection_id) ?? null;
  return enabled.length === 1 ? enabled[0] : null;
}

export async function startFlow(
  deps: Deps,
  oidc: OidcDirectory,
  row: SsoConnectionRow,
  input: { purpose: 'sign_in' | 'test'; initiatedBy: string | null; loginHint: string | null },
): Promise<Started> {
  const doc = await oidc.discover(row.issuer).catch((error: unknown) => {
    throw error instanceof OidcFailure ? fail(SSO_ERRORS, error.code, { detail: error.detail }) : error;
  });
  const state = newToken();
  const nonce = newToken();
  const codeVerifier = newToken();
  const now = deps.clock();
  await deps.db
    .insertInto('sso_login_states')
    .values({
      state_hash: hashToken(state),
      organization_id: row.organization_id,
      connection_id: row.id,
      purpose: input.purpose,
      nonce,
      code_verifier: codeVerifier,
      initiated_by: input.initiatedBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_MINUTES * 60_000).toISOString(),
      used_at: null,
    })
    .execute();
  // Old attempts are useless after their TTL; clear them as new ones start.
  await deps.db
    .deleteFrom('sso_login_states')
    .where('expires_at', '<', new Date(now.getTime() - 3_600_000).toISOString())
    .execute();
  const url = new URL(doc.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: row.client_id,
    redirect_uri: redirectUri(deps),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: pkceChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(input.loginHint ? { login_hint: input.loginHint } : {}),
    ...(input.purpose === 'test' ? { prompt: 'login' } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url: url.toString(), state };
}

/** Takes the attempt for this state once: unknown, already used, expired or from another browser are refused. */
export async function consumeState(deps: Deps, state: string | undefined, cookieState: string | undefined): Promise<SsoLoginStateRow> {
  if (!state) throw fail(SSO_ERRORS, 'STATE_INVALID');
  const row = await deps.db.selectFrom('sso_login_states').selectAll().where('state_hash', '=', hashToken(state)).executeTakeFirst();
  if (!row || row.used_at) throw fail(SSO_ERRORS, 'STATE_INVALID', { detail: row ? 'already used' : 'unknown state' });
  const now = deps.clock().toISOString();
  if (row.expires_at <= now) throw fail(SSO_ERRORS, 'STATE_EXPIRED');
  const taken = await deps.db
    .updateTable('sso_login_states')
    .set({ used_at: now })
    .where('state_hash', '=', row.state_hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) throw fail(SSO_ERRORS, 'STATE_INVALID', { detail: 'already used' });
  // Checked after taking it: a callback replayed from another browser also burns the attempt.
  if (cookieState !== state) throw fail(SSO_ERRORS, 'STATE_INVALID', { detail: 'the sign-in started in another browser' });
  return row;
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
  /** RFC 9207: the issuer that answered; when present it must be the connection's. */
  iss?: string;
}

export interface Verified {
  attempt: SsoLoginStateRow;
  connection: SsoConnectionRow;
  claims: JWTPayload;
}

/** Callback steps up to a verified ID token. Failures after the state is taken carry the attempt, so a test can report them. */
export async function verifyCallback(deps: Deps, oidc: OidcDirectory, query: CallbackQuery, cookieState: string | undefined): Promise<Verified> {
  const attempt = await consumeState(deps, query.state, cookieState);
  const connection = await requireConnection(deps.db, attempt.organization_id, attempt.connection_id);
  try {
    if (query.iss && query.iss !== connection.issuer) throw new OidcFailure('WRONG_ISSUER', `the answer came from ${query.iss}`);
    if (query.error) throw new OidcFailure('IDP_ERROR', `${query.error}${query.error_description ? `: ${query.error_description}` : ''}`);
    if (!query.code) throw new OidcFailure('IDP_ERROR', 'no code in the answer');
    const doc = await oidc.discover(connection.issuer);
    const idToken = await oidc.exchangeCode(doc, {
      clientId: connection.client_id,
      auth: await clientAuthOf(deps, connection, doc.token_endpoint),
      code: query.code,
      codeVerifier: attempt.code_verifier,
      redirectUri: redirectUri(deps),
    });
    const multiTenantIssuer = doc.issuer.includes('{tenantid}') ? (p: JWTPayload) => doc.issuer.replace('{tenantid}', String(p.tid)) : connection.issuer;
    const claims = await oidc.verifyIdToken(doc, idToken, { issuer: multiTenantIssuer, clientId: connection.client_id, nonce: attempt.nonce });
    return { attempt, connection, claims };
  } catch (error) {
    throw new AttemptFailure(attempt, connection, error);
  }
}

/** A failure once the attempt is known: the callback decides where to show it (sign-in page or test report). */
export class AttemptFailure extends Error {
  constructor(
    readonly attempt: SsoLoginStateRow,
    readonly connection: SsoConnectionRow,
    readonly reason: unknown,
  ) {
    super(`${connectionLabel(connection)}: ${(reason as Error).message}`);
  }
}

/** Our error form of any failure in the flow. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AttemptFailure) return asAppError(error.reason);
  if (error instanceof AppError) return error;
  if (error instanceof OidcFailure) return fail(SSO_ERRORS, error.code, error.detail ? { detail: error.detail } : undefined);
  return fail(SSO_ERRORS, 'IDP_ERROR', { detail: (error as Error).message });
}
