import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { recordAudit } from '../../platform/audit.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { assertMayActOn } from '../roles/index.js';
import { PASSKEYS_ERRORS } from './passkeys.errors.js';
import { passkeyCounts } from './passkeys.repository.js';

/** How long a passkey recovery an administrator allowed stays open. */
export const RECOVERY_HOURS = 24;

/**
 * An administrator lets a user who lost their passkey enrol a new one after a magic link, once,
 * within RECOVERY_HOURS: the only way past "Require passkey after magic-link sign-in" without the
 * old passkey. Audited as a recovery event, so it shows in the user's history and the audit log.
 */
export async function allowPasskeyRecovery(
  ctx: RequestContext & { actor: Actor },
  userId: string,
  reasonInput: string | undefined,
): Promise<{ recoveryUntil: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const user = await trx.selectFrom('users').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw fail(PASSKEYS_ERRORS, 'USER_NOT_FOUND');
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    if (user.status !== 'active') throw fail(PASSKEYS_ERRORS, 'USER_NOT_ACTIVE');
    const counts = await passkeyCounts(trx, ctx.organizationId, user.id);
    if (counts.synced + counts.deviceBound === 0) throw fail(PASSKEYS_ERRORS, 'PASSKEY_RECOVERY_NOT_NEEDED');
    const recoveryUntil = new Date(ctx.deps.clock().getTime() + RECOVERY_HOURS * 3_600_000).toISOString();
    await trx
      .updateTable('users')
      .set({ passkey_recovery_until: recoveryUntil, updated_at: nowIso(ctx.deps) })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'passkey.recovery_allowed',
      category: 'recovery',
      risk: 'high',
      subject: { type: 'user', id: user.id, label: user.email },
      reason,
      before: { recoveryUntil: user.passkey_recovery_until },
      after: { recoveryUntil },
    });
    return { recoveryUntil };
  });
}
