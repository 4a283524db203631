import type { FastifyRequest } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import type { ActorResolver } from '../../platform/access.js';
import { nowIso, type ActorPasskeyState, type Deps, type RequestContext } from '../../platform/deps.js';
import { idleLogoutMinutes, passkeyGate, passkeyRequirement, stepUpSatisfied } from '../passkeys/passkeys.policy.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { fail } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { recordAudit } from '../../platform/audit.js';
import { findActiveUsersByEmail, updateUserRow } from '../users/users.repository.js';
import type { UserRow } from '../users/users.table.js';
import { AUTH_ERRORS } from './auth.errors.js';
import {
  consumeMagicLink,
  findMagicLinkByHash,
  findSessionWithUser,
  insertMagicLink,
  insertSession,
  revokeSession,
  touchSession,
} from './auth.repository.js';

export const SESSION_COOKIE = 'sofie_session';
export const MAGIC_LINK_MINUTES = 15;
const TOUCH_EVERY_MS = 30_000;

export const MAGIC_LINK_ANSWER = 'If this address belongs to an active Sofie account, a sign-in link is on its way. It works once, for 15 minutes.';

/** Creates a single-use sign-in link for a user; returns the URL to send. */
export async function issueMagicLink(trx: DbOrTrx, deps: Deps, user: Pick<UserRow, 'id' | 'organization_id'>): Promise<string> {
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

/**
 * Sends a sign-in link to every active account with this address. The answer never says whether
 * the address exists.
 */
export async function requestMagicLink(deps: Deps, email: string): Promise<void> {
  if (!isValidEmail(email)) throw fail(AUTH_ERRORS, 'INVALID_EMAIL');
  const normalized = normalizeEmail(email);
  await deps.db.transaction().execute(async (trx) => {
    const users = await findActiveUsersByEmail(trx, normalized);
    for (const user of users) {
      const org = await trx.selectFrom('organizations').select('name').where('id', '=', user.organization_id).executeTakeFirstOrThrow();
      const url = await issueMagicLink(trx, deps, user);
      await enqueueMail(trx, deps, {
        organizationId: user.organization_id,
        to: user.email,
        subject: `Your Sofie sign-in link for ${org.name}`,
        text: `Hello ${user.name},\n\nSign in to ${org.name} on Sofie:\n${url}\n\nThe link works once and expires in ${MAGIC_LINK_MINUTES} minutes. If you did not ask for it, ignore this message.`,
      });
    }
  });
}

export interface NewSession {
  token: string;
  sessionId: string;
}

export async function createSession(
  trx: DbOrTrx,
  deps: Deps,
  user: Pick<UserRow, 'id' | 'organization_id'>,
  method: 'magic_link' | 'invitation' | 'passkey',
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
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
  await updateUserRow(trx, user.organization_id, user.id, { last_sign_in_at: now.toISOString(), last_active_at: now.toISOString() });
  return { token, sessionId };
}

/** Exchanges a magic-link token for a session. Single use, 15 minutes, active accounts only. */
export async function verifyMagicLink(deps: Deps, token: string, client: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  return deps.db.transaction().execute(async (trx) => {
    const link = await findMagicLinkByHash(trx, hashToken(token));
    if (!link) throw fail(AUTH_ERRORS, 'LINK_INVALID');
    if (link.used_at) throw fail(AUTH_ERRORS, 'LINK_USED');
    const now = nowIso(deps);
    if (link.expires_at <= now) throw fail(AUTH_ERRORS, 'LINK_EXPIRED');
    if (!(await consumeMagicLink(trx, link.id, now))) throw fail(AUTH_ERRORS, 'LINK_USED');
    const user = await trx.selectFrom('users').selectAll().where('id', '=', link.user_id).executeTakeFirstOrThrow();
    if (user.status !== 'active') throw fail(AUTH_ERRORS, 'ACCOUNT_INACTIVE');
    const session = await createSession(trx, deps, user, 'magic_link', client);
    const ctx: RequestContext = {
      deps,
      organizationId: user.organization_id,
      actor: null,
      ip: client.ip,
      userAgent: client.userAgent,
    };
    await recordAudit(trx, ctx, {
      action: 'auth.signed_in',
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: user.id, label: user.email },
      after: { method: 'magic_link' },
    });
    return session;
  });
}

export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await revokeSession(deps.db, sessionId, nowIso(deps));
}

export function sessionTokenOf(request: FastifyRequest): string | null {
  const value = request.cookies?.[SESSION_COOKIE];
  return value && value.length < 200 ? value : null;
}

function passkeyStateOf(row: NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>, now: Date): ActorPasskeyState {
  const count = Number(row.passkey_count ?? 0);
  const requirement = passkeyRequirement({ role: row, organization: row });
  return {
    count,
    gate: passkeyGate({ requirement, passkeyCount: count, authMethod: row.auth_method, passkeyVerifiedAt: row.passkey_verified_at }),
    stepUpSatisfied: stepUpSatisfied(count, row.passkey_verified_at, now),
    verifiedAt: row.passkey_verified_at,
    sessionCreatedAt: row.created_at,
    authMethod: row.auth_method,
  };
}

/**
 * Reads the session cookie, checks revocation, absolute lifetime and the idle timeout, and
 * returns the actor with its role's permissions and passkey state as of now: a role change applies on the next request
 * in every process, because nothing is cached.
 */
export function actorResolver(deps: Deps): ActorResolver {
  return async (request) => {
    const token = sessionTokenOf(request);
    if (!token) return { actor: null, problem: null };
    const row = await findSessionWithUser(deps.db, hashToken(token));
    if (!row) return { actor: null, problem: 'SESSION_EXPIRED' };
    const now = deps.clock();
    const nowText = now.toISOString();
    const idleMinutes = idleLogoutMinutes({ roleIdleMinutes: row.idle_logout_minutes });
    const idleMs = idleMinutes ? idleMinutes * 60_000 : null;
    const idle = idleMs !== null && now.getTime() - Date.parse(row.last_seen_at) > idleMs;
    if (row.revoked_at || row.expires_at <= nowText || row.status !== 'active' || idle) {
      if (!row.revoked_at) await revokeSession(deps.db, row.session_id, nowText);
      return { actor: null, problem: 'SESSION_EXPIRED' };
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      const touched = touchSession(deps.db, row.session_id, row.user_id, nowText).catch((error: Error) =>
        deps.logger.warn({ err: error }, 'could not record session activity; the next request will'),
      );
      // SQLite has one writer: behind a long transaction this write would hold up a request that only
      // reads, so it completes on its own (at once when the writer is free). PostgreSQL writes it now.
      if (deps.dialect === 'postgres') await touched;
    }
    return {
      problem: null,
      actor: {
        userId: row.user_id,
        organizationId: row.organization_id,
        email: row.email,
        name: row.name,
        roleId: row.role_id,
        roleName: row.role_name,
        permissions: new Set(JSON.parse(row.permissions) as string[]),
        sessionId: row.session_id,
        passkey: passkeyStateOf(row, now),
      },
    };
  };
}
