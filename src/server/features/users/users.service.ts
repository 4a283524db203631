import Papa from 'papaparse';
import type { Static } from 'typebox';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type {
  BulkUsersBody,
  BulkUsersResult,
  ChangeGroupsBody,
  ChangeRoleBody,
  UserDetail,
  UserFilter,
  UserList,
  UserListQuery,
  UserSummary,
} from '../../../contracts/users.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { assertStepUp } from '../../platform/access.js';
import { deviceLabel } from '../../platform/device.js';
import { AppError, fail } from '../../platform/errors.js';
import { assertVersion, requireReasonIfConfigured } from '../../platform/reasons.js';
import { listActiveSessions, revokeUserSessions } from '../auth/auth.repository.js';
import { passkeySummaryForUser } from '../passkeys/passkeys.service.js';
import { addMemberships, findGroupById, findGroupsByIds, groupIdsOfUser, removeMemberships } from '../groups/groups.repository.js';
import { changeGroupMemberships } from '../groups/groups.memberships.js';
import {
  assertKeepsAccessAdmin,
  assertNoEscalation,
  assertNotSelf,
  grantsAccessAdmin,
  lockOrganizationForAccessChange,
} from '../roles/roles.guardrails.js';
import { rolePermissions, requireRole } from '../roles/roles.service.js';
import { usageSummariesOf } from '../usage/usage.service.js';
import { buildChecklist } from './users.checklist.js';
import { countSeatsOfUser } from '../ownership/ownership.repository.js';
import { ownedCounts } from '../ownership/ownership.service.js';
import { userWorkspaces } from '../workspaces/workspaces.service.js';
import { USERS_ERRORS } from './users.errors.js';
import {
  findUserById,
  groupsOfUsers,
  listMatchingUserIds,
  listUserPage,
  roleNames,
  updateUserRow,
  type UserFilterAt,
} from './users.repository.js';
import type { UserRow } from './users.table.js';

const BULK_MAX = 5000;

export function userRowToSummary(row: UserRow, roleName: string, groups: { id: string; name: string }[]): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status: row.status,
    role: { id: row.role_id, name: roleName },
    groups,
    lastActiveAt: row.last_active_at,
    createdAt: row.created_at,
  };
}

export function encodeCursor(value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string | null; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof value === 'string' || value === null) && typeof id === 'string') return { value, id };
  } catch {
    // fall through
  }
  throw fail(USERS_ERRORS, 'INVALID_CURSOR');
}

const sortValue = {
  name: (r: UserRow) => r.name,
  email: (r: UserRow) => r.email_normalized,
  created: (r: UserRow) => r.created_at,
  last_active: (r: UserRow) => r.last_active_at ?? '',
} as const;

const NO_USAGE = { events30d: 0, topType: null };

async function summaries(db: DbOrTrx, organizationId: string, rows: UserRow[], now: Date): Promise<UserSummary[]> {
  const ids = rows.map((r) => r.id);
  const [roles, groups, usage] = await Promise.all([roleNames(db, organizationId), groupsOfUsers(db, organizationId, ids), usageSummariesOf(db, organizationId, ids, now)]);
  return rows.map((row) => ({ ...userRowToSummary(row, roles.get(row.role_id) ?? '', groups.get(row.id) ?? []), usage: usage.get(row.id) ?? NO_USAGE }));
}

export async function listUsers(ctx: RequestContext, query: UserListQuery): Promise<UserList> {
  const { db, dialect } = ctx.deps;
  const sort = query.sort ?? 'name';
  const order = query.order ?? (sort === 'last_active' || sort === 'created' ? 'desc' : 'asc');
  const limit = query.limit ?? 50;
  const filter: UserFilterAt = { search: query.search, roleId: query.roleId, groupId: query.groupId, status: query.status, lastActive: query.lastActive, now: nowIso(ctx.deps) };
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const pageSpec = { sort, order, limit, after };
  const { rows, total } = await listUserPage(db, ctx.organizationId, filter, pageSpec, dialect);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await summaries(db, ctx.organizationId, page, ctx.deps.clock()),
    total,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue[sort](last), last.id) : null,
  };
}

export async function requireUser(db: DbOrTrx, organizationId: string, userId: string): Promise<UserRow> {
  const row = await findUserById(db, organizationId, userId);
  if (!row) throw fail(USERS_ERRORS, 'USER_NOT_FOUND', { userId });
  return row;
}

export async function getUserDetail(ctx: RequestContext, userId: string): Promise<UserDetail> {
  const { db } = ctx.deps;
  const { organizationId } = ctx;
  const row = await requireUser(db, organizationId, userId);
  const now = ctx.deps.clock();
  const nowText = now.toISOString();
  // Everything below depends only on the user row: one wave of independent reads.
  const [role, groups, usage, inviter, invitation, sessions, workspaces, ownedContent, collaboratorSeats, passkeys] = await Promise.all([
    requireRole(db, organizationId, row.role_id),
    groupsOfUsers(db, organizationId, [row.id]),
    usageSummariesOf(db, organizationId, [row.id], now),
    row.invited_by ? findUserById(db, organizationId, row.invited_by) : undefined,
    db
      .selectFrom('invitations')
      .select(['id', 'status', 'expires_at'])
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', row.id)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    listActiveSessions(db, organizationId, row.id, nowText),
    userWorkspaces(db, organizationId, row.id),
    ownedCounts(db, organizationId, row.id),
    countSeatsOfUser(db, organizationId, row.id),
    passkeySummaryForUser(db, organizationId, row.id),
  ]);
  const userGroups = groups.get(row.id) ?? [];
  const pendingInvitation = invitation
    ? { id: invitation.id, status: invitation.status === 'pending' && invitation.expires_at <= nowText ? 'expired' : invitation.status, expiresAt: invitation.expires_at }
    : null;
  return {
    ...userRowToSummary(row, role.name, userGroups),
    usage: usage.get(row.id) ?? NO_USAGE,
    version: row.version,
    invitedBy: inviter ? { id: inviter.id, name: inviter.name } : null,
    invitedAt: row.invited_at,
    lastSignInAt: row.last_sign_in_at,
    pendingInvitation,
    rolePrivileged: isPrivilegedSet(rolePermissions(role)),
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.created_at, lastSeenAt: s.last_seen_at, ip: s.ip, userAgent: s.user_agent, device: deviceLabel(s.user_agent) })),
    passkeys,
    checklist: buildChecklist({ user: row, role, groupCount: userGroups.length, invitation: pendingInvitation, passkeys, now, workspaces }),
    workspaces,
    ownedContent,
    collaboratorSeats,
    restoreUntil: row.status === 'deleted' && row.tombstone ? row.purge_after : null,
  };
}

function auditSubject(row: UserRow) {
  return { type: 'user', id: row.id, label: row.email };
}

/**
 * Moves one user to another role inside `trx`, enforcing every guardrail; shared by the user page,
 * invitations of existing users and bulk actions. Returns false when nothing changed.
 */
export async function assignRoleInTransaction(
  trx: DbOrTrx,
  ctx: RequestContext & { actor: Actor },
  user: UserRow,
  roleId: string,
  reason: string | null,
): Promise<boolean> {
  if (user.role_id === roleId) return false;
  assertNotSelf(ctx.actor, user.id);
  const [from, to] = await Promise.all([requireRole(trx, ctx.organizationId, user.role_id), requireRole(trx, ctx.organizationId, roleId)]);
  assertNoEscalation(ctx.actor, rolePermissions(to), to.name);
  if (grantsAccessAdmin(rolePermissions(from)) && !grantsAccessAdmin(rolePermissions(to)) && user.status === 'active') {
    await assertKeepsAccessAdmin(trx, ctx.organizationId, [user.id]);
  }
  const now = nowIso(ctx.deps);
  await updateUserRow(trx, ctx.organizationId, user.id, { role_id: to.id, version: user.version + 1, updated_at: now });
  const privileged = isPrivilegedSet(rolePermissions(to)) || isPrivilegedSet(rolePermissions(from));
  await recordAudit(trx, ctx, {
    action: 'user.role_changed',
    category: 'access',
    risk: privileged ? 'high' : 'medium',
    subject: auditSubject(user),
    reason,
    before: { role: { id: from.id, name: from.name } },
    after: { role: { id: to.id, name: to.name } },
  });
  return true;
}

export async function changeUserRole(ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ChangeRoleBody>): Promise<UserDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const user = await requireUser(trx, ctx.organizationId, userId);
    assertVersion(body.version, user.version, { roleId: user.role_id });
    await assignRoleInTransaction(trx, ctx, user, body.roleId, reason);
  });
  return getUserDetail(ctx, userId);
}

export async function changeUserGroups(ctx: RequestContext & { actor: Actor }, userId: string, body: Static<typeof ChangeGroupsBody>): Promise<UserDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const user = await requireUser(trx, ctx.organizationId, userId);
    if (user.status === 'deleted') throw fail(USERS_ERRORS, 'USER_DELETED');
    const currentIds = await groupIdsOfUser(trx, ctx.organizationId, userId);
    assertVersion(body.version, user.version, { groupIds: currentIds });
    const wanted = [...new Set(body.groupIds)];
    const found = await findGroupsByIds(trx, ctx.organizationId, wanted);
    if (found.length !== wanted.length) {
      const known = new Set(found.map((g) => g.id));
      throw fail(USERS_ERRORS, 'GROUP_NOT_FOUND', { missing: wanted.filter((id) => !known.has(id)) });
    }
    const toAdd = wanted.filter((id) => !currentIds.includes(id));
    const toRemove = currentIds.filter((id) => !wanted.includes(id));
    if (toAdd.length === 0 && toRemove.length === 0) return;
    const now = nowIso(ctx.deps);
    for (const groupId of toAdd) await addMemberships(trx, ctx.organizationId, groupId, [userId], ctx.actor.userId, now);
    for (const groupId of toRemove) await removeMemberships(trx, ctx.organizationId, groupId, [userId]);
    await updateUserRow(trx, ctx.organizationId, userId, { version: user.version + 1, updated_at: now });
    const names = new Map((await findGroupsByIds(trx, ctx.organizationId, [...currentIds, ...wanted])).map((g) => [g.id, g.name]));
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
    const count = await revokeUserSessions(trx, ctx.organizationId, userId, nowIso(ctx.deps));
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

/**
 * Applies one action to many users in a single transaction. Users a guardrail protects (yourself,
 * the last administrator) are skipped with their reason; everything else commits together.
 */
export async function bulkUpdateUsers(ctx: RequestContext & { actor: Actor }, body: BulkUsersBody): Promise<BulkUsersResult> {
  if (body.action === 'assign_role' && !body.roleId) throw fail(USERS_ERRORS, 'BULK_ROLE_REQUIRED');
  if (body.action !== 'assign_role' && !body.groupId) throw fail(USERS_ERRORS, 'BULK_GROUP_REQUIRED');
  if (body.action === 'assign_role' && !ctx.actor.permissions.has('users.assign_role')) {
    throw new AppError('FORBIDDEN', 403, 'Assigning roles needs the "Assign roles" permission.', { permission: 'users.assign_role' });
  }
  // As for one user's role (PUT /api/users/:id/role); group changes need no passkey check.
  if (body.action === 'assign_role') assertStepUp(ctx.actor);
  if (body.action !== 'assign_role' && !ctx.actor.permissions.has('groups.manage')) {
    throw new AppError('FORBIDDEN', 403, 'Changing group members needs the "Manage groups" permission.', { permission: 'groups.manage' });
  }
  const ids = await bulkTargets(ctx, body);
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const users: UserRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      users.push(...(await trx.selectFrom('users').selectAll().where('organization_id', '=', ctx.organizationId).where('id', 'in', ids.slice(i, i + 500)).execute()));
    }
    const skipped: BulkUsersResult['skipped'] = [];
    let changed = 0;
    if (body.action === 'assign_role') {
      const role = await requireRole(trx, ctx.organizationId, body.roleId!);
      assertNoEscalation(ctx.actor, rolePermissions(role), role.name);
      for (const user of users) {
        try {
          if (await assignRoleInTransaction(trx, ctx, user, role.id, reason)) changed++;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          skipped.push({ userId: user.id, code: error.code, message: error.message });
        }
      }
    } else {
      const group = await findGroupById(trx, ctx.organizationId, body.groupId!);
      if (!group) throw fail(USERS_ERRORS, 'GROUP_NOT_FOUND');
      // Deleted users keep no memberships (see changeUserGroups).
      for (const user of users.filter((u) => u.status === 'deleted')) skipped.push({ userId: user.id, code: 'USER_DELETED', message: USERS_ERRORS.USER_DELETED.message });
      const members = users.filter((u) => u.status !== 'deleted');
      changed = (await changeGroupMemberships(trx, ctx, group, members, body.action === 'add_to_group' ? 'add' : 'remove', reason)).length;
    }
    const missing = ids.length - users.length;
    for (let i = 0; i < missing; i++) skipped.push({ userId: '', code: 'USER_NOT_FOUND', message: USERS_ERRORS.USER_NOT_FOUND.message });
    return { matched: users.length, changed, skipped };
  });
}

/** The current filtered view as CSV, in the list's order. */
export async function exportUsersCsv(ctx: RequestContext, filter: UserFilter, sort: UserListQuery['sort'], order: UserListQuery['order']): Promise<string> {
  const rows: UserSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(ctx, { ...filter, sort, order, limit: 200, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return Papa.unparse({
    fields: ['name', 'email', 'role', 'groups', 'status', 'last_active', 'created'],
    data: rows.map((u) => [u.name, u.email, u.role.name, u.groups.map((g) => g.name).join('; '), u.status, u.lastActiveAt ?? '', u.createdAt]),
  }, { escapeFormulae: true });
}
