import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps, type RequestContext } from '../../platform/deps.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { fail } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { hashToken } from '../../platform/tokens.js';
import { recordAudit } from '../../platform/audit.js';
import { requireOrganization } from '../organizations/index.js';
import { passkeySummaryForUser } from '../passkeys/index.js';
import { magicLinkPolicyFor, SSO_ERRORS, type MagicLinkPolicy } from '../sso/index.js';
import { findActiveUsersByEmail, type UserRow } from '../users/index.js';
import { AUTH_ERRORS } from './auth.errors.js';
import { consumeMagicLink, findMagicLinkByHash } from './auth.repository.js';
import { createSession, issueMagicLink, MAGIC_LINK_MINUTES, type NewSession } from './auth.service.js';

export const MAGIC_LINK_ANSWER = 'If this address belongs to an active Sofie account, a sign-in link is on its way. It works once, for 15 minutes.';

/**
 * Sends a sign-in link to every active account with this address in an organization that is not
 * suspended: one link per organization, each signing in to its own. The answer never says whether
 * the address exists.
 */
export async function requestMagicLink(deps: Deps, email: string): Promise<void> {
  if (!isValidEmail(email)) throw fail(AUTH_ERRORS, 'INVALID_EMAIL');
  const normalized = normalizeEmail(email);
  await deps.db.transaction().execute(async (trx) => {
    const users = await findActiveUsersByEmail(trx, normalized);
    for (const user of users) {
      const org = await requireOrganization(trx, user.organization_id);
      if (org.status !== 'active') continue; // a suspended organization's people cannot sign in
      // SSO only for this address, unless a break-glass administrator with a passkey.
      if ((await emailSignInPolicy(trx, deps, user)) === 'refused') continue;
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

/**
 * "Disable magic links when SSO is enabled": refused, or break-glass for a named administrator who
 * holds a passkey now (one without a passkey would otherwise enrol one with only their mailbox).
 */
async function emailSignInPolicy(trx: DbOrTrx, deps: Deps, user: UserRow): Promise<MagicLinkPolicy> {
  const policy = await magicLinkPolicyFor(trx, user);
  if (policy !== 'break_glass') return policy;
  const passkeys = await passkeySummaryForUser(trx, user.organization_id, user.id, nowIso(deps));
  return passkeys.count > 0 ? 'break_glass' : 'refused';
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
    const policy = await emailSignInPolicy(trx, deps, user);
    if (policy === 'refused') throw fail(SSO_ERRORS, 'MAGIC_LINKS_DISABLED');
    const method = policy === 'break_glass' ? 'break_glass' : 'magic_link';
    const session = await createSession(trx, deps, user, method, client);
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
      after: { method },
      ...(method === 'break_glass' ? { risk: 'high' as const, reason: 'Break-glass: magic link while SSO is enforced; a passkey check follows' } : {}),
    });
    return session;
  });
}
