import type { FastifyRequest } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import type { Keyset } from '../../platform/keyset.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { assertOrganizationActive } from '../organizations/index.js';
import {
  insertMagicLink,
  insertSession,
  listActiveSessionPage,
  listActiveSessions,
  recordSignIn,
  revokeOrganizationSessionRows,
  revokeSession,
  revokeUserSessions,
} from './auth.repository.js';

/** The account a session or sign-in link is for. */
export interface SessionUser {
  id: string;
  organization_id: string;
}

export const SESSION_COOKIE = 'sofie_session';
export const MAGIC_LINK_MINUTES = 15;

/** Creates a single-use sign-in link for a user; returns the URL to send. */
export async function issueMagicLink(trx: DbOrTrx, deps: Deps, user: SessionUser): Promise<string> {
  const token = newToken();
  const now = deps.clock();
  await insertMagicLink(trx, {
    id: deps.newId(),
    organization_id: user.organization_id,
    user_id: user.id,
    token_hash: hashToken(token),
    expires_at: new Date(now.getTime() + MAGIC_LINK_MINUTES * 60_000).toISOString(),
    created_at: now.toISOString(),
  });
  return `${deps.config.publicUrl}/sign-in/verify?token=${token}`;
}

export interface NewSession {
  token: string;
  sessionId: string;
}

/**
 * Every sign-in ends here (magic link, invitation, passkey, organization switch), so none of them
 * opens a session in a suspended organization.
 */
export async function createSession(
  trx: DbOrTrx,
  deps: Deps,
  user: SessionUser,
  method: 'magic_link' | 'invitation' | 'passkey' | 'sso' | 'break_glass',
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  await assertOrganizationActive(trx, user.organization_id);
  const token = newToken();
  const now = deps.clock();
  const sessionId = deps.newId();
  await insertSession(trx, {
    id: sessionId,
    organization_id: user.organization_id,
    user_id: user.id,
    token_hash: hashToken(token),
    auth_method: method,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000).toISOString(),
    revoked_at: null,
    ip: client.ip,
    user_agent: client.userAgent,
    passkey_verified_at: method === 'passkey' ? now.toISOString() : null,
  });
  await recordSignIn(trx, user.organization_id, user.id, now.toISOString());
  return { token, sessionId };
}

/** Ends this session; audited as a sign-out in the same transaction. */
export async function signOut(ctx: RequestContext & { actor: Actor }): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await revokeSession(trx, ctx.actor.sessionId, nowIso(ctx.deps));
    await recordAudit(trx, ctx, {
      action: 'auth.signed_out',
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
      after: { sessionId: ctx.actor.sessionId },
    });
  });
}

export function sessionTokenOf(request: FastifyRequest): string | null {
  const value = request.cookies?.[SESSION_COOKIE];
  return value && value.length < 200 ? value : null;
}

/** The user's sessions that are neither revoked nor expired at `now`, most recently seen first. */
export function activeSessionsOf(db: DbOrTrx, organizationId: string, userId: string, now: string) {
  return listActiveSessions(db, organizationId, userId, now);
}

/** One page of the user's open sessions, newest sign-in first (keyset on created_at, id). */
export function activeSessionPageOf(db: DbOrTrx, organizationId: string, userId: string, now: string, after: Keyset | null, limit: number) {
  return listActiveSessionPage(db, organizationId, userId, now, after, limit);
}

/** Ends every session of the user at once (sign out everywhere, deactivation, deletion); returns how many were open. */
export function revokeAllSessionsOf(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<number> {
  return revokeUserSessions(db, organizationId, userId, now);
}

/** Ends one session (already-revoked sessions keep their first revocation time). */
export async function revokeSessionById(db: DbOrTrx, sessionId: string, now: string): Promise<void> {
  await revokeSession(db, sessionId, now);
}

/** Ends every open session of an organization (its suspension); returns how many were open. */
export function revokeOrganizationSessions(db: DbOrTrx, organizationId: string, now: string): Promise<number> {
  return revokeOrganizationSessionRows(db, organizationId, now);
}
