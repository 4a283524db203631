// A signed-in person's own sessions: the list on Account > Security, and signing them out.
import type { PageQuery } from '../../../contracts/common.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { activeSessionPageOf, activeSessionsOf, revokeSessionById } from '../auth/index.js';
import { deviceLabel } from '../../platform/device.js';
import { PASSKEYS_ERRORS } from './passkeys.errors.js';
import { findSession, revokeOtherSessions } from './passkeys.repository.js';

type SignedIn = RequestContext & { actor: Actor };

type SessionRow = Awaited<ReturnType<typeof activeSessionsOf>>[number];

function toOwnSession(ctx: SignedIn, s: SessionRow) {
  return {
    id: s.id,
    device: deviceLabel(s.user_agent),
    ip: s.ip,
    method: s.auth_method,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    current: s.id === ctx.actor.sessionId,
  };
}

/** Every open session, most recently used first (the Account > Security summary). */
export async function listOwnSessions(ctx: SignedIn) {
  const rows = await activeSessionsOf(ctx.deps.db, ctx.organizationId, ctx.actor.userId, nowIso(ctx.deps));
  return rows.map((s) => toOwnSession(ctx, s));
}

/** One page of the open sessions, newest sign-in first (created_at, id descending). */
export async function pageOwnSessions(ctx: SignedIn, query: PageQuery) {
  const limit = limitOf(query);
  const rows = await activeSessionPageOf(ctx.deps.db, ctx.organizationId, ctx.actor.userId, nowIso(ctx.deps), decodeKeysetCursor(query.cursor), limit);
  return keysetPage(
    rows,
    limit,
    (s) => ({ key: s.created_at, id: s.id }),
    (s) => toOwnSession(ctx, s),
  );
}

export async function revokeOwnSession(ctx: SignedIn, sessionId: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const session = await findSession(trx, ctx.organizationId, ctx.actor.userId, sessionId);
    if (!session || session.revoked_at) throw fail(PASSKEYS_ERRORS, 'SESSION_NOT_FOUND');
    await revokeSessionById(trx, sessionId, nowIso(ctx.deps));
    await recordAudit(trx, ctx, {
      action: 'auth.session_revoked',
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
      after: { sessionId, device: deviceLabel(session.user_agent) },
    });
  });
}

export async function revokeOwnOtherSessions(ctx: SignedIn): Promise<number> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const revoked = await revokeOtherSessions(trx, ctx.organizationId, ctx.actor.userId, ctx.actor.sessionId, nowIso(ctx.deps));
    if (revoked > 0) {
      await recordAudit(trx, ctx, {
        action: 'auth.other_sessions_revoked',
        category: 'auth',
        risk: 'low',
        subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
        after: { revoked },
      });
    }
    return revoked;
  });
}
