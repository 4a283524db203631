import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps, type RequestContext } from '../../platform/deps.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { AppError, fail } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { hashToken } from '../../platform/tokens.js';
import { recordAudit, selfActor } from '../../platform/audit.js';
import { hasRecentEvent } from '../audit/index.js';
import { requireOrganization } from '../organizations/index.js';
import { passkeySummaryForUser } from '../passkeys/index.js';
import { magicLinkPolicyFor, SSO_ERRORS, type MagicLinkPolicy } from '../sso/index.js';
import { findActiveUsersByEmail, type UserRow } from '../users/index.js';
import { AUTH_ERRORS } from './auth.errors.js';
import { consumeMagicLink, findMagicLinkByHash } from './auth.repository.js';
import { createSession, issueMagicLink, MAGIC_LINK_MINUTES, type NewSession } from './auth.service.js';

/** Where a sign-in request came from (audited with it). */
export interface Client {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}
const NO_CLIENT: Client = { ip: null, userAgent: null };

function clientContext(deps: Deps, organizationId: string, client: Client): RequestContext {
  return { deps, organizationId, actor: null, ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null, requestId: client.requestId ?? null };
}

export const MAGIC_LINK_ANSWER = 'If this address belongs to an active Sofie account, a sign-in link is on its way. It works once, for 15 minutes.';

/**
 * Sends a sign-in link to every active account with this address in an organization that is not
 * suspended: one link per organization, each signing in to its own. The answer never says whether
 * the address exists.
 */
export async function requestMagicLink(deps: Deps, email: string, client: Client = NO_CLIENT): Promise<void> {
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
      await recordAudit(trx, clientContext(deps, user.organization_id, client), {
        action: 'auth.magic_link_sent',
        category: 'auth',
        risk: 'low',
        subject: { type: 'user', id: user.id, label: user.email },
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

/** Exchanges a magic-link token for a session. Single use, 15 minutes, active accounts only. A refused link of a known account is audited. */
export async function verifyMagicLink(deps: Deps, token: string, client: Client): Promise<NewSession> {
  try {
    return await signInWithLink(deps, token, client);
  } catch (error) {
    if (error instanceof AppError && error.code !== 'LINK_INVALID') await recordLinkFailure(deps, token, client, error.code);
    throw error;
  }
}

/** Written after the refused sign-in rolled back, in a transaction of its own. */
async function recordLinkFailure(deps: Deps, token: string, client: Client, code: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const link = await findMagicLinkByHash(trx, hashToken(token));
    if (!link) return;
    const user = await trx.selectFrom('users').select(['id', 'email', 'organization_id']).where('id', '=', link.user_id).executeTakeFirst();
    if (!user) return;
    await recordAudit(trx, clientContext(deps, user.organization_id, client), {
      action: 'auth.magic_link_failed',
      category: 'auth',
      risk: 'medium',
      subject: { type: 'user', id: user.id, label: user.email },
      after: { code },
    });
  });
}

/**
 * A sign-in link request refused by the rate limit: recorded in each organization where the address
 * has an active account (an unknown address leaves no trace, as the answer reveals nothing either),
 * once a minute per account, so a flood of attempts cannot flood the log.
 */
export async function recordRateLimitedSignIn(deps: Deps, email: string, client: Client): Promise<void> {
  if (!isValidEmail(email)) return;
  const windowStart = new Date(deps.clock().getTime() - 60_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const user of await findActiveUsersByEmail(trx, normalizeEmail(email))) {
      // PostgreSQL: the account's row lock makes concurrent refusals check one after another (SQLite writes one at a time anyway).
      if (deps.dialect === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
      if (!(await hasRecentEvent(trx, user.organization_id, user.id, 'auth.rate_limited', windowStart)))
        await recordAudit(trx, clientContext(deps, user.organization_id, client), {
          action: 'auth.rate_limited',
          category: 'auth',
          risk: 'medium',
          subject: { type: 'user', id: user.id, label: user.email },
          after: { route: 'magic-link' },
        });
    }
  });
}

async function signInWithLink(deps: Deps, token: string, client: Client): Promise<NewSession> {
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
    await recordAudit(trx, clientContext(deps, user.organization_id, client), {
      action: 'auth.signed_in',
      actor: selfActor(user),
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: user.id, label: user.email },
      after: { method },
      ...(method === 'break_glass' ? { risk: 'high' as const, reason: 'Break-glass: magic link while SSO is enforced; a passkey check follows' } : {}),
    });
    return session;
  });
}
