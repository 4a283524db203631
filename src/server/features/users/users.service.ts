import type { Static } from 'typebox';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { BulkUsersBody, BulkUsersResult, ChangeGroupsBody, ChangeRoleBody, UserDetail } from '../../../contracts/users.js';
import { sql } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { assertVersion, requireReasonIfConfigured } from '../../platform/reasons.js';
import { revokeAllSessionsOf } from '../auth/index.js';
import { addToGroup, changeGroupMemberships, findGroup, findGroups, groupIdsOf, removeFromGroup } from '../groups/index.js';
import {
  assertMayActOn,
  assertNoEscalation,
  grantsAccessAdmin,
  lockOrganizationForAccessChange,
  outrankingRefusal,
  outrankingTargets,
  wouldLeaveNoAccessAdmin,
  listRoleRowsOf,
  ROLES_ERRORS,
  rolePermissions,
} from '../roles/index.js';
import { USERS_ERRORS } from './users.errors.js';
import { findUserById, listMatchingUserIds, updateUserRow } from './users.repository.js';
import { getUserDetail } from './users.detail.js';
import type { UserRow } from './users.table.js';

const BULK_MAX = 5000;

export async function requireUser(db: DbOrTrx, organizationId: string, userId: string): Promise<UserRow> {
  const row = await findUserById(db, organizationId, userId);
  if (!row) throw fail(USERS_ERRORS, 'USER_NOT_FOUND', { userId });
  return row;
}

/**
 * The user, locked until the transaction ends (PostgreSQL; SQLite transactions are serial anyway):
 * read-check-write changes such as a version check cannot interleave with another request's.
 */
export async function requireUserForChange(trx: DbOrTrx, dialect: Dialect, organizationId: string, userId: string): Promise<UserRow> {
  const row = await findUserById(trx, organizationId, userId, { forUpdate: dialect === 'postgres' });
  if (!row) throw fail(USERS_ERRORS, 'USER_NOT_FOUND', { userId });
  return row;
}

function auditSubject(row: UserRow) {
  return { type: 'user', id: row.id, label: row.email };
}

export interface RoleAssignment {
  /** Users who moved to the role. */
  changed: UserRow[];
  /** Users a guardrail protects, with the refusal that applies to each. */
  refused: { user: UserRow; error: AppError }[];
}

/**
 * Moves users to a role inside `trx`, enforcing every guardrail: nobody grants what they do not hold,
 * changes their own role, touches someone who outranks them, or removes the last person who can
 * manage users and roles. Set-based (one UPDATE and one audit INSERT per chunk), so a bulk change of
 * thousands of users is a few statements. The one path for the user page, invitations of existing
 * users and bulk actions; the caller decides whether a refusal fails the request or is reported.
 */
export async function assignRoles(
  trx: DbOrTrx,
  ctx: RequestContext & { actor: Actor },
  users: readonly UserRow[],
  roleId: string,
  reason: string | null,
): Promise<RoleAssignment> {
  const roles = new Map((await listRoleRowsOf(trx, ctx.organizationId)).map((r) => [r.id, r]));
  const to = roles.get(roleId);
  if (!to) throw fail(ROLES_ERRORS, 'ROLE_NOT_FOUND', { roleId });
  const toPermissions = rolePermissions(to);
  assertNoEscalation(ctx.actor, toPermissions, to.name);
  const refused: RoleAssignment['refused'] = [];
  const moving: UserRow[] = [];
  for (const user of users) {
    if (user.role_id === to.id) continue;
    const fromPermissions = rolePermissions(roles.get(user.role_id)!);
    const refusal =
      user.id === ctx.actor.userId
        ? fail(ROLES_ERRORS, 'SELF_ROLE_CHANGE')
        : user.status === 'deleted'
          ? fail(USERS_ERRORS, 'USER_DELETED', undefined, 'This user has been deleted. Restore the account before changing their role.')
          : outrankingRefusal(ctx.actor, user, fromPermissions);
    if (refusal) refused.push({ user, error: refusal });
    else moving.push(user);
  }
  if (!grantsAccessAdmin(toPermissions)) {
    const losing = moving.filter((u) => u.status === 'active' && grantsAccessAdmin(rolePermissions(roles.get(u.role_id)!)));
    if (
      await wouldLeaveNoAccessAdmin(
        trx,
        ctx.organizationId,
        losing.map((u) => u.id),
      )
    ) {
      // Everyone else may go; the last of them keeps the organization administrable.
      const kept = losing[losing.length - 1];
      moving.splice(moving.indexOf(kept), 1);
      refused.push({ user: kept, error: fail(ROLES_ERRORS, 'LAST_ACCESS_ADMIN') });
    }
  }
  const now = nowIso(ctx.deps);
  for (let i = 0; i < moving.length; i += 500) {
    const ids = moving.slice(i, i + 500).map((u) => u.id);
    await trx
      .updateTable('users')
      .set({ role_id: to.id, version: sql`version + 1`, updated_at: now })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', ids)
      .execute();
  }
  await recordAudits(
    trx,
    ctx,
    moving.map((user) => {
      const from = roles.get(user.role_id)!;
      return {
        action: 'user.role_changed',
        category: 'access' as const,
        risk: isPrivilegedSet(toPermissions) || isPrivilegedSet(rolePermissions(from)) ? ('high' as const) : ('medium' as const),
        subject: auditSubject(user),
        reason,
        before: { role: { id: from.id, name: from.name } },
        after: { role: { id: to.id, name: to.name } },
      };
    }),
  );
  return { changed: moving, refused };
}

/** One user's role, or the guardrail's refusal as the error. Returns false when the role was already theirs. */
export async function assignRole(trx: DbOrTrx, ctx: RequestContext & { actor: Actor }, user: UserRow, roleId: string, reason: string | null): Promise<boolean> {
  const { changed, refused } = await assignRoles(trx, ctx, [user], roleId, reason);
  if (refused[0]) throw refused[0].error;
  return changed.length > 0;
}

export async function changeUserRole(ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ChangeRoleBody>): Promise<UserDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const user = await requireUser(trx, ctx.organizationId, userId);
    assertVersion(body.version, user.version, { roleId: user.role_id });
    await assignRole(trx, ctx, user, body.roleId, reason);
  });
  return getUserDetail(ctx, userId);
}

export async function changeUserGroups(ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ChangeGroupsBody>): Promise<UserDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    // Locked: two edits made from the same version must not both pass the version check.
    const user = await requireUserForChange(trx, ctx.deps.dialect, ctx.organizationId, userId);
    if (user.status === 'deleted') throw fail(USERS_ERRORS, 'USER_DELETED');
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const currentIds = await groupIdsOf(trx, ctx.organizationId, userId);
    assertVersion(body.version, user.version, { groupIds: currentIds });
    const wanted = [...new Set(body.groupIds)];
    const found = await findGroups(trx, ctx.organizationId, wanted);
    if (found.length !== wanted.length) {
      const known = new Set(found.map((g) => g.id));
      throw fail(USERS_ERRORS, 'GROUP_NOT_FOUND', { missing: wanted.filter((id) => !known.has(id)) });
    }
    const toAdd = wanted.filter((id) => !currentIds.includes(id));
    const toRemove = currentIds.filter((id) => !wanted.includes(id));
    if (toAdd.length === 0 && toRemove.length === 0) return;
    const now = nowIso(ctx.deps);
    for (const groupId of toAdd) await addToGroup(trx, ctx.organizationId, groupId, [userId], ctx.actor.userId, now);
    for (const groupId of toRemove) await removeFromGroup(trx, ctx.organizationId, groupId, [userId]);
    await updateUserRow(trx, ctx.organizationId, userId, { version: user.version + 1, updated_at: now });
    const names = new Map((await findGroups(trx, ctx.organizationId, [...currentIds, ...wanted])).map((g) => [g.id, g.name]));
    await recordAudit(trx, ctx, {
      action: 'user.groups_changed',
      category: 'access',
      risk: 'low',
      subject: auditSubject(user),
      reason,
      before: { groups: currentIds.map((id) => names.get(id) ?? id) },
      after: { groups: wanted.map((id) => names.get(id) ?? id) },
    });
  });
  return getUserDetail(ctx, userId);
}

export async function signOutEverywhere(ctx: RequestContext & { actor: Actor }, userId: string, reasonInput: string | undefined): Promise<number> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const user = await requireUser(trx, ctx.organizationId, userId);
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const count = await revokeAllSessionsOf(trx, ctx.organizationId, userId, nowIso(ctx.deps));
    await recordAudit(trx, ctx, {
      action: 'user.signed_out_everywhere',
      category: 'auth',
      risk: 'medium',
      subject: auditSubject(user),
      reason,
      before: { activeSessions: count },
      after: { activeSessions: 0 },
    });
    return count;
  });
}

async function bulkTargets(ctx: RequestContext, body: BulkUsersBody): Promise<string[]> {
  if (body.userIds?.length) return [...new Set(body.userIds)];
  if (!body.filter) throw fail(USERS_ERRORS, 'BULK_TARGET_REQUIRED');
  const ids = await listMatchingUserIds(ctx.deps.db, ctx.organizationId, { ...body.filter, now: nowIso(ctx.deps) }, ctx.deps.dialect, BULK_MAX + 1);
  if (ids.length > BULK_MAX) throw fail(USERS_ERRORS, 'BULK_TOO_MANY');
  return ids;
}

const skip = (user: UserRow, error: AppError) => ({ userId: user.id, code: error.code, message: error.message });

/**
 * Applies one action to many users in a single transaction: all of it or none of it. Users a
 * guardrail protects (yourself, the last administrator, someone who outranks you, a deleted user) are
 * skipped with their reason; everything else commits together. What each action needs beyond the
 * route's permission is declared on the route (`config.actions`).
 */
export async function bulkUpdateUsers(ctx: RequestContext & { actor: Actor }, body: BulkUsersBody): Promise<BulkUsersResult> {
  if (body.action === 'assign_role' && !body.roleId) throw fail(USERS_ERRORS, 'BULK_ROLE_REQUIRED');
  if (body.action !== 'assign_role' && !body.groupId) throw fail(USERS_ERRORS, 'BULK_GROUP_REQUIRED');
  const ids = await bulkTargets(ctx, body);
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const users: UserRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      users.push(
        ...(await trx
          .selectFrom('users')
          .selectAll()
          .where('organization_id', '=', ctx.organizationId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    const skipped: BulkUsersResult['skipped'] = [];
    let changed = 0;
    if (body.action === 'assign_role') {
      const outcome = await assignRoles(trx, ctx, users, body.roleId!, reason);
      changed = outcome.changed.length;
      skipped.push(...outcome.refused.map(({ user, error }) => skip(user, error)));
    } else {
      const group = await findGroup(trx, ctx.organizationId, body.groupId!);
      if (!group) throw fail(USERS_ERRORS, 'GROUP_NOT_FOUND');
      const outranking = await outrankingTargets(trx, ctx.actor, ctx.organizationId, users);
      const members: UserRow[] = [];
      for (const user of users) {
        // Deleted users keep no memberships (see changeUserGroups).
        if (user.status === 'deleted') skipped.push(skip(user, fail(USERS_ERRORS, 'USER_DELETED')));
        else if (outranking.has(user.id)) skipped.push(skip(user, outranking.get(user.id)!));
        else members.push(user);
      }
      changed = (await changeGroupMemberships(trx, ctx, group, members, body.action === 'add_to_group' ? 'add' : 'remove', reason)).length;
    }
    const missing = ids.length - users.length;
    for (let i = 0; i < missing; i++) skipped.push({ userId: '', code: 'USER_NOT_FOUND', message: USERS_ERRORS.USER_NOT_FOUND.message });
    return { matched: users.length, changed, skipped };
  });
}
