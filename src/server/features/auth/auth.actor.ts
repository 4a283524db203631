import type { ActorResolver } from '../../platform/access.js';
import type { ActorPasskeyState, Deps } from '../../platform/deps.js';
import { hashToken } from '../../platform/tokens.js';
import { idleLogoutMinutes, passkeyGate, passkeyRequirement, stepUpSatisfied } from '../passkeys/index.js';
import { findSessionWithUser, revokeSession, touchSession } from './auth.repository.js';
import { sessionTokenOf } from './auth.service.js';

const TOUCH_EVERY_MS = 30_000;

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
    // A suspended organization's sessions were revoked with the suspension; this refuses any that a
    // concurrent sign-in might have opened meanwhile.
    if (row.revoked_at || row.expires_at <= nowText || row.status !== 'active' || row.organization_status !== 'active' || idle) {
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
