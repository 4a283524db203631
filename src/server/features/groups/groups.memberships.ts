import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { chunks } from '../../db/chunks.js';
import { recordAudits } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { outrankingTargets, ROLES_ERRORS } from '../roles/index.js';
import { addMemberships, groupIdsOfUser, removeMemberships } from './groups.repository.js';

/**
 * Adds users to a group or removes them, in the caller's transaction: each user whose membership
 * changed gets a new version (a stale edit of their groups is then refused) and one audit event.
 * Every route that changes a group's members goes through here: the group page, bulk actions on the
 * users list, and inviting an existing user. Nobody changes the groups of someone who outranks them.
 * Returns the ids that changed.
 */
export async function changeGroupMemberships(
  trx: DbOrTrx,
  ctx: RequestContext & { actor: Actor },
  group: { id: string; name: string },
  users: readonly { id: string; email: string; role_id: string }[],
  mode: 'add' | 'remove',
  reason: string | null,
): Promise<string[]> {
  const outranking = await outrankingTargets(trx, ctx.actor, ctx.organizationId, users);
  if (outranking.size > 0) {
    const [first] = outranking.values();
    const message =
      outranking.size === 1
        ? first.message
        : `${outranking.size} of these people hold permissions your own role does not have, so you cannot change their groups. Ask an administrator who holds them.`;
    const userIds = [...outranking.keys()];
    const details = outranking.size === 1 ? { ...(first.details as object), userIds } : { userIds, count: outranking.size };
    throw fail(ROLES_ERRORS, 'TARGET_OUTRANKS_ACTOR', details, message);
  }
  const now = nowIso(ctx.deps);
  const ids = users.map((u) => u.id);
  const changed: string[] = [];
  // Set-based, a statement-sized part at a time: an identity provider changes thousands at once.
  for (const part of chunks(ids)) {
    changed.push(
      ...(mode === 'add'
        ? await addMemberships(trx, ctx.organizationId, group.id, part, ctx.actor.userId, now)
        : await removeMemberships(trx, ctx.organizationId, group.id, part)),
    );
  }
  for (const part of chunks(changed)) {
    await trx
      .updateTable('users')
      .set({ version: sql`version + 1`, updated_at: now })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', part)
      .execute();
  }
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  await recordAudits(
    trx,
    ctx,
    changed.map((userId) => ({
      action: mode === 'add' ? 'group.member_added' : 'group.member_removed',
      category: 'access' as const,
      risk: 'low' as const,
      subject: { type: 'user', id: userId, label: emailOf.get(userId)! },
      reason,
      before: { member: mode === 'remove', group: group.name },
      after: { member: mode === 'add', group: group.name },
    })),
  );
  return changed;
}

/**
 * Adds memberships that do not exist yet, without versions or audit events: for callers whose own
 * change is versioned and audited as a whole (an invitation, the user page, a restore, demo data).
 * Returns the user ids actually added.
 */
export function addToGroup(
  trx: DbOrTrx,
  organizationId: string,
  groupId: string,
  userIds: readonly string[],
  addedBy: string | null,
  now: string,
): Promise<string[]> {
  return addMemberships(trx, organizationId, groupId, userIds, addedBy, now);
}

/** Removes memberships, without versions or audit events (see addToGroup); returns the user ids removed. */
export function removeFromGroup(trx: DbOrTrx, organizationId: string, groupId: string, userIds: readonly string[]): Promise<string[]> {
  return removeMemberships(trx, organizationId, groupId, userIds);
}

/** The ids of the groups the user belongs to. */
export function groupIdsOf(db: DbOrTrx, organizationId: string, userId: string): Promise<string[]> {
  return groupIdsOfUser(db, organizationId, userId);
}
