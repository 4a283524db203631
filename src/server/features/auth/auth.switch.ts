// The organization switcher: one address with accounts in several organizations moves between them.
import type { MyOrganizations } from '../../../contracts/auth.js';
import type { PageQuery } from '../../../contracts/common.js';
import { recordAudit, selfActor } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { normalizeEmail } from '../../platform/email.js';
import { fail } from '../../platform/errors.js';
import { pageInMemory } from '../../platform/keyset.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { requireOrganization } from '../organizations/index.js';
import { findActiveUsersByEmail } from '../users/index.js';
import { AUTH_ERRORS } from './auth.errors.js';
import { findSessionById, insertSession, recordSignIn, revokeSession } from './auth.repository.js';
import type { NewSession } from './auth.service.js';

type Ctx = RequestContext & { actor: Actor };

/** Active accounts of the signed-in address, in organizations that are not suspended, by name. */
export async function listMyOrganizations(ctx: Ctx, query: PageQuery): Promise<MyOrganizations> {
  const accounts = await findActiveUsersByEmail(ctx.deps.db, normalizeEmail(ctx.actor.email));
  const items: MyOrganizations['items'] = [];
  for (const account of accounts) {
    const org = await requireOrganization(ctx.deps.db, account.organization_id);
    if (org.status === 'active') items.push({ id: org.id, name: org.name, current: org.id === ctx.organizationId });
  }
  // An address has accounts in few organizations: they are read whole and cut into pages by name.
  return pageInMemory(items, query, (o) => ({ key: o.name.toLowerCase(), id: o.id }));
}

/**
 * Moves the signed-in person to their account in another organization. The current session proved
 * the address (a magic link, an invitation, or a passkey whose account proved it), and the address is
 * the same: the new session is the same sign-in, moved. It keeps the current session's start and end
 * (switching never extends the absolute lifetime, and "signed in within 10 minutes" stays true only
 * if it was), counts as an emailed-link sign-in for the target organization's passkey policy (a role
 * that wants a passkey after a magic link asks for that organization's passkey), ends the session it
 * replaces, and is audited in the target organization as a sign-in.
 */
export async function switchOrganization(ctx: Ctx, organizationId: string): Promise<NewSession> {
  const { deps } = ctx;
  return deps.db.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    const source = await findSessionById(trx, ctx.actor.sessionId);
    if (!source || source.revoked_at || source.expires_at <= now) throw fail(AUTH_ERRORS, 'ORGANIZATION_NOT_AVAILABLE');
    const accounts = await findActiveUsersByEmail(trx, normalizeEmail(ctx.actor.email));
    const target = accounts.find((account) => account.organization_id === organizationId && organizationId !== ctx.organizationId);
    const org = target ? await requireOrganization(trx, target.organization_id) : null;
    if (!target || org?.status !== 'active') throw fail(AUTH_ERRORS, 'ORGANIZATION_NOT_AVAILABLE');

    const token = newToken();
    const sessionId = deps.newId();
    await insertSession(trx, {
      id: sessionId,
      organization_id: target.organization_id,
      user_id: target.id,
      token_hash: hashToken(token),
      auth_method: 'magic_link',
      created_at: source.created_at,
      last_seen_at: now,
      expires_at: source.expires_at,
      revoked_at: null,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      passkey_verified_at: null,
    });
    await recordSignIn(trx, target.organization_id, target.id, now);
    await revokeSession(trx, source.id, now);
    await recordAudit(
      trx,
      { ...ctx, organizationId: target.organization_id, actor: null },
      {
        action: 'auth.signed_in',
        actor: selfActor(target),
        category: 'auth',
        risk: 'low',
        subject: { type: 'user', id: target.id, label: target.email },
        after: { method: 'organization_switch', fromOrganizationId: ctx.organizationId, signedInAt: source.created_at },
      },
    );
    return { token, sessionId };
  });
}
