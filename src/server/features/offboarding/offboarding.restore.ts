// Bringing a deleted user back within the restore period.
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { addToGroup } from '../groups/index.js';
import { assertMayActOn, lockOrganizationForAccessChange } from '../roles/index.js';
import { requireUser, userSearchText } from '../users/index.js';
import { OFFBOARDING_ERRORS } from './offboarding.errors.js';
import type { Tombstone } from './offboarding.tombstone.js';

/**
 * Brings a deleted account back within the restore period, as deactivated: an administrator then
 * reactivates it deliberately. Content stays with whoever received it; groups and Workspace
 * memberships that still exist come back.
 */
export async function restoreUser(ctx: RequestContext & { actor: Actor }, userId: string, reasonInput?: string) {
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const user = await requireUser(trx, ctx.organizationId, userId);
    if (user.status !== 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_NOT_DELETED');
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const now = nowIso(ctx.deps);
    if (!user.tombstone || (user.purge_after && user.purge_after <= now)) throw fail(OFFBOARDING_ERRORS, 'RESTORE_WINDOW_PASSED');
    const saved = JSON.parse(user.tombstone) as Tombstone;
    const clash = await trx
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', ctx.organizationId)
      .where('email_normalized', '=', saved.emailNormalized)
      .executeTakeFirst();
    if (clash) throw fail(OFFBOARDING_ERRORS, 'EMAIL_IN_USE');
    await trx
      .updateTable('users')
      .set({
        status: 'deactivated',
        name: saved.name,
        email: saved.email,
        email_normalized: saved.emailNormalized,
        search_text: userSearchText(saved.name, saved.emailNormalized),
        deleted_at: null,
        purge_after: null,
        tombstone: null,
        deactivated_at: now,
        version: user.version + 1,
        updated_at: now,
      })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', '=', user.id)
      .execute();
    const groups = saved.groupIds.length
      ? await trx.selectFrom('groups').select('id').where('organization_id', '=', ctx.organizationId).where('id', 'in', saved.groupIds).execute()
      : [];
    for (const g of groups) await addToGroup(trx, ctx.organizationId, g.id, [user.id], ctx.actor.userId, now);
    const wsIds = saved.workspaceMemberships.map((m) => m.workspace_id);
    const workspaces = new Set(
      wsIds.length
        ? (await trx.selectFrom('workspaces').select('id').where('organization_id', '=', ctx.organizationId).where('id', 'in', wsIds).execute()).map(
            (w) => w.id,
          )
        : [],
    );
    const memberships = saved.workspaceMemberships.filter((m) => workspaces.has(m.workspace_id));
    for (const m of memberships) {
      await trx
        .insertInto('workspace_members')
        .values({
          organization_id: ctx.organizationId,
          workspace_id: m.workspace_id,
          member_type: 'user',
          member_id: user.id,
          role: m.role,
          added_by: ctx.actor.userId,
          added_at: now,
        })
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'user.restored',
      category: 'access',
      risk: 'high',
      subject: { type: 'user', id: user.id, label: saved.email },
      reason,
      before: { status: 'deleted', label: user.name },
      after: { status: 'deactivated', groups: groups.length, workspaceMemberships: memberships.length },
    });
    return { status: 'deactivated', restoredGroups: groups.length, restoredWorkspaceMemberships: memberships.length };
  });
}
