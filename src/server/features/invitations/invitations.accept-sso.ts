// A first sign-in through single sign-on by someone with a pending invitation accepts it: the
// account the invitation made becomes active, with the invited role and group; nothing is duplicated.
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { activateInvitedUser, type UserRow } from '../users/index.js';
import { findPendingInvitationByEmail } from './invitations.repository.js';

/**
 * Accepts the pending, unexpired invitation of an invited account inside the caller's transaction;
 * returns false (nothing changed) when there is none. `ctx` names who accepted (the SSO connection).
 */
export async function acceptPendingInvitationOf(trx: DbOrTrx, ctx: RequestContext, user: UserRow): Promise<boolean> {
  if (user.status !== 'invited') return false;
  const invitation = await findPendingInvitationByEmail(trx, user.organization_id, user.email_normalized);
  const now = nowIso(ctx.deps);
  if (!invitation || invitation.user_id !== user.id || invitation.expires_at <= now) return false;
  const claimed = await trx
    .updateTable('invitations')
    .set({ status: 'accepted', accepted_at: now, updated_at: now })
    .where('id', '=', invitation.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await activateInvitedUser(trx, user, now);
  await recordAudit(trx, ctx, {
    action: 'invitation.accepted',
    category: 'auth',
    risk: 'low',
    subject: { type: 'user', id: user.id, label: user.email },
    before: { status: 'invited' },
    after: { status: 'active', via: 'sso' },
  });
  return true;
}
