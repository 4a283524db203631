// The callback's two endings: a sign-in (session, audited as a sign-in via SSO with the connection)
// or a "Test connection" report (claims, the account they map to, the error in plain words).
import type { JWTPayload } from 'jose';
import type { SsoConnection } from '../../../contracts/sso.js';
import { recordAudit, selfActor } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { createSession, type NewSession } from '../auth/index.js';
import { applyMatch, checkPreset, connectionCtx, describeMatch, emailOf, isAdministrator, matchAccount } from './sso.accounts.js';
import { connectionLabel } from './sso.connections.js';
import { applyAttributeMapping, groupsFromClaim } from './sso.mappings.js';
import { asAppError, AttemptFailure, verifyCallback, type CallbackQuery } from './sso.flow.js';
import type { OidcDirectory } from './sso.oidc.js';
import type { SsoConnectionRow, SsoLoginStateRow } from './sso.table.js';

export type Client = { ip: string | null; userAgent: string | null };
export type CallbackOutcome = { kind: 'session'; session: NewSession } | { kind: 'test'; connectionId: string; ok: boolean };

export async function completeCallback(
  deps: Deps,
  oidc: OidcDirectory,
  query: CallbackQuery,
  cookieState: string | undefined,
  client: Client,
): Promise<CallbackOutcome> {
  let verified;
  try {
    verified = await verifyCallback(deps, oidc, query, cookieState);
  } catch (error) {
    if (error instanceof AttemptFailure && error.attempt.purpose === 'test') return recordTest(deps, error.attempt, error.connection, {}, error.reason, client);
    throw asAppError(error);
  }
  const { attempt, connection, claims } = verified;
  if (attempt.purpose === 'test') {
    try {
      checkPreset(connection, claims);
      const match = await matchAccount(deps.db, connection, emailOf(connection, claims), claims);
      return recordTest(deps, attempt, connection, claims, null, client, describeMatch(match));
    } catch (error) {
      return recordTest(deps, attempt, connection, claims, error, client);
    }
  }
  try {
    return { kind: 'session', session: await signIn(deps, connection, claims, client) };
  } catch (error) {
    throw asAppError(error);
  }
}

export async function signIn(deps: Deps, connection: SsoConnectionRow, claims: JWTPayload, client: Client): Promise<NewSession> {
  checkPreset(connection, claims);
  const email = emailOf(connection, claims);
  return deps.db.transaction().execute(async (trx) => {
    const match = await matchAccount(trx, connection, email, claims);
    const acting = connectionCtx(deps, connection, client);
    const mapped = { email, name: typeof claims.name === 'string' ? claims.name : null, groups: groupsFromClaim(claims, connection.groups_claim) };
    const user = await applyAttributeMapping(trx, acting, connection, await applyMatch(trx, acting, match), mapped);
    const session = await createSession(trx, deps, user, 'sso', client);
    const ctx: RequestContext = { deps, organizationId: user.organization_id, actor: null, ip: client.ip, userAgent: client.userAgent };
    await recordAudit(trx, ctx, {
      action: 'auth.signed_in',
      actor: selfActor(user),
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: user.id, label: user.email },
      after: { method: 'sso', connection: { id: connection.id, name: connection.name }, subject: claims.sub ?? null },
    });
    if (!connection.admin_signed_in_at && (await isAdministrator(trx, user))) {
      await trx
        .updateTable('sso_connections')
        .set({ admin_signed_in_at: nowIso(deps) })
        .where('id', '=', connection.id)
        .execute();
    }
    return session;
  });
}

async function initiatorCtx(deps: Deps, attempt: SsoLoginStateRow, client: Client): Promise<RequestContext> {
  const user = attempt.initiated_by ? await deps.db.selectFrom('users').selectAll().where('id', '=', attempt.initiated_by).executeTakeFirst() : undefined;
  const actor: Actor | null = user
    ? {
        userId: user.id,
        organizationId: user.organization_id,
        email: user.email,
        name: user.name,
        roleId: user.role_id,
        roleName: '',
        permissions: new Set(),
        sessionId: '',
      }
    : null;
  return { deps, organizationId: attempt.organization_id, actor, ip: client.ip, userAgent: client.userAgent };
}

export async function recordTest(
  deps: Deps,
  attempt: SsoLoginStateRow,
  connection: SsoConnectionRow,
  claims: JWTPayload,
  error: unknown,
  client: Client,
  mapsTo: NonNullable<SsoConnection['lastTest']>['mapsTo'] = null,
): Promise<CallbackOutcome> {
  const failure = error ? asAppError(error) : null;
  const detail = (failure?.details as { detail?: string } | undefined)?.detail;
  const result: NonNullable<SsoConnection['lastTest']> = {
    ok: failure === null,
    at: nowIso(deps),
    error: failure ? { code: failure.code, message: failure.message, ...(detail ? { detail } : {}) } : null,
    claims: claims,
    mapsTo,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sso_connections')
      .set({ last_tested_at: result.at, last_test_ok: result.ok ? 1 : 0, last_test_result: JSON.stringify(result) })
      .where('id', '=', connection.id)
      .execute();
    await recordAudit(trx, await initiatorCtx(deps, attempt, client), {
      action: result.ok ? 'sso.connection.test_passed' : 'sso.connection.test_failed',
      category: 'policy',
      risk: 'low',
      subject: { type: 'sso_connection', id: connection.id, label: connectionLabel(connection) },
      after: { error: result.error?.code ?? null, mapsTo: mapsTo?.kind ?? null },
    });
  });
  return { kind: 'test', connectionId: connection.id, ok: result.ok };
}
