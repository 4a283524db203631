import type { Static } from 'typebox';
import {
  WORKSPACE_ROLES,
  type AccessPath,
  type CreateWorkspaceBody,
  type EffectiveAccess,
  type UserWorkspace,
  type Workspace,
  type WorkspaceDetail,
  type WorkspaceListQuery,
  type WorkspaceMember,
  type WorkspaceMembersBody,
  type WorkspaceRole,
} from '../../../contracts/workspaces.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { groupIdsOf } from '../groups/index.js';
import { announceOwnershipChanges } from '../ownership/index.js';
import { WORKSPACES_ERRORS } from './workspaces.errors.js';
import { findWorkspace, listWorkspaceRows, membersOf, membershipsReaching, organizationWorkspaces, type ListedWorkspace } from './workspaces.repository.js';
import type { WorkspaceRow } from './workspaces.table.js';

const EFFECTIVE_CAP = 500;

export function higherRole(a: WorkspaceRole, b: WorkspaceRole): WorkspaceRole {
  return WORKSPACE_ROLES.indexOf(a) <= WORKSPACE_ROLES.indexOf(b) ? a : b;
}

function listedToContract(row: ListedWorkspace): Workspace {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    description: row.description,
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? '' } : null,
    userMemberCount: Number(row.user_members ?? 0),
    groupMemberCount: Number(row.group_members ?? 0),
    createdAt: row.created_at,
  };
}

function encodeCursor(name: string, id: string) {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}
function decodeCursor(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through
  }
  throw fail(WORKSPACES_ERRORS, 'INVALID_CURSOR');
}

/** Who reaches a Workspace through a membership: active users, and invited ones once they accept. */
const REACHING = ['active', 'invited'] as const;

export async function listWorkspaces(ctx: RequestContext, query: Static<typeof WorkspaceListQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listWorkspaceRows(ctx.deps.db, ctx.organizationId, { search: query.search, type: query.type }, decodeCursor(query.cursor), limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(listedToContract), nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
}

async function requireWorkspace(db: DbOrTrx, organizationId: string, id: string): Promise<WorkspaceRow> {
  const row = await findWorkspace(db, organizationId, id);
  if (!row) throw fail(WORKSPACES_ERRORS, 'WORKSPACE_NOT_FOUND', { workspaceId: id });
  return row;
}

export async function getWorkspace(ctx: RequestContext, id: string): Promise<WorkspaceDetail> {
  const { db } = ctx.deps;
  const ws = await requireWorkspace(db, ctx.organizationId, id);
  const [listed] = await listWorkspaceRows(db, ctx.organizationId, { id }, null, 1);
  const members = await membersOf(db, ctx.organizationId, id);
  const userIds = members.filter((m) => m.member_type === 'user').map((m) => m.member_id);
  const groupIds = members.filter((m) => m.member_type === 'group').map((m) => m.member_id);
  const users = userIds.length
    ? await db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'status'])
        .where('organization_id', '=', ctx.organizationId)
        .where('id', 'in', userIds)
        .execute()
    : [];
  const groups = groupIds.length
    ? await db
        .selectFrom('groups')
        .select([
          'groups.id',
          'groups.name',
          (eb) =>
            eb
              .selectFrom('group_members')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('group_members.group_id', '=', 'groups.id')
              .as('member_count'),
        ])
        .where('organization_id', '=', ctx.organizationId)
        .where('id', 'in', groupIds)
        .execute()
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const memberList: WorkspaceMember[] = members
    .map((m): WorkspaceMember | null => {
      if (m.member_type === 'user') {
        const u = userById.get(m.member_id);
        return u ? { type: 'user', id: u.id, name: u.name, detail: u.email, role: m.role, addedAt: m.added_at } : null;
      }
      const g = groupById.get(m.member_id);
      return g
        ? {
            type: 'group',
            id: g.id,
            name: g.name,
            detail: `${Number(g.member_count)} member${Number(g.member_count) === 1 ? '' : 's'}`,
            role: m.role,
            addedAt: m.added_at,
          }
        : null;
    })
    .filter((m): m is WorkspaceMember => m !== null)
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  // Effective access: direct + via groups (+ everyone, as Viewer, for Organization Workspaces).
  const access = new Map<string, { role: WorkspaceRole; paths: AccessPath[] }>();
  const add = (userId: string, path: AccessPath) => {
    const entry = access.get(userId) ?? { role: path.role, paths: [] };
    entry.role = higherRole(entry.role, path.role);
    entry.paths.push(path);
    access.set(userId, entry);
  };
  for (const m of members.filter((x) => x.member_type === 'user')) add(m.member_id, { via: 'direct', role: m.role });
  if (groupIds.length) {
    const gm = await db
      .selectFrom('group_members')
      .select(['group_id', 'user_id'])
      .where('organization_id', '=', ctx.organizationId)
      .where('group_id', 'in', groupIds)
      .limit(20_000)
      .execute();
    const roleOfGroup = new Map(members.filter((x) => x.member_type === 'group').map((m) => [m.member_id, m.role]));
    for (const row of gm)
      add(row.user_id, { via: 'group', role: roleOfGroup.get(row.group_id)!, group: { id: row.group_id, name: groupById.get(row.group_id)?.name ?? '' } });
  }
  let everyoneCount = 0;
  if (ws.type === 'organization') {
    const everyone = await db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', ctx.organizationId)
      .where('status', 'in', REACHING)
      .orderBy('name')
      .limit(EFFECTIVE_CAP)
      .execute();
    for (const u of everyone) add(u.id, { via: 'organization', role: 'viewer' });
    const count = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', ctx.organizationId)
      .where('status', 'in', REACHING)
      .executeTakeFirstOrThrow();
    everyoneCount = Number(count.n);
  }
  const ids = [...access.keys()];
  const people = new Map<string, { id: string; name: string; email: string; status: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'status'])
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      people.set(u.id, u);
  }
  // A deactivated member keeps the membership (reactivation gives it back) but reaches nothing meanwhile.
  const reaching = ids.filter((id) => (REACHING as readonly string[]).includes(people.get(id)?.status ?? ''));
  const total = Math.max(reaching.length, everyoneCount);
  const effectiveAccess: EffectiveAccess[] = reaching
    .map((id) => ({ user: people.get(id)!, role: access.get(id)!.role, paths: access.get(id)!.paths }))
    .sort((a, b) => WORKSPACE_ROLES.indexOf(a.role) - WORKSPACE_ROLES.indexOf(b.role) || a.user.name.localeCompare(b.user.name))
    .slice(0, EFFECTIVE_CAP);
  return { ...listedToContract(listed), members: memberList, effectiveAccess, effectiveAccessTotal: total };
}

async function requireMemberUser(db: DbOrTrx, organizationId: string, userId: string, code: 'MEMBER_NOT_FOUND' | 'OWNER_NOT_FOUND') {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.status === 'deleted') throw fail(WORKSPACES_ERRORS, code, { userId });
  if (user.status === 'deactivated') throw fail(WORKSPACES_ERRORS, code === 'OWNER_NOT_FOUND' ? 'OWNER_NOT_FOUND' : 'MEMBER_NOT_ACTIVE', { userId });
  return user;
}

export async function createWorkspace(ctx: RequestContext & { actor: Actor }, body: Static<typeof CreateWorkspaceBody>): Promise<WorkspaceDetail> {
  const id = ctx.deps.newId();
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const owner = await requireMemberUser(trx, ctx.organizationId, body.ownerUserId ?? ctx.actor.userId, 'OWNER_NOT_FOUND');
    const now = nowIso(ctx.deps);
    const name = body.name.trim();
    await trx
      .insertInto('workspaces')
      .values({
        id,
        organization_id: ctx.organizationId,
        name,
        type: body.type,
        description: body.description?.trim() ?? '',
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('workspace_members')
      .values({
        organization_id: ctx.organizationId,
        workspace_id: id,
        member_type: 'user',
        member_id: owner.id,
        role: 'admin',
        added_by: ctx.actor.userId,
        added_at: now,
      })
      .execute();
    // The Workspace is itself a content item with an owner: offboarding reviews it like the others.
    const itemId = ctx.deps.newId();
    await trx
      .insertInto('content_items')
      .values({
        id: itemId,
        organization_id: ctx.organizationId,
        external_id: id,
        type: 'workspace',
        title: name,
        owner_user_id: owner.id,
        workspace_id: id,
        sequence_status: null,
        paused_for_user_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await announceOwnershipChanges(
      trx,
      ctx,
      [{ itemId, externalId: id, type: 'workspace', title: name, fromOwnerUserId: null, toOwnerUserId: owner.id }],
      'workspace_created',
    );
    await recordAudit(trx, ctx, {
      action: 'workspace.created',
      category: 'access',
      risk: 'low',
      subject: { type: 'workspace', id, label: name },
      reason,
      before: null,
      after: { name, type: body.type, owner: owner.email },
    });
  });
  return getWorkspace(ctx, id);
}

export async function setWorkspaceMembers(
  ctx: RequestContext & { actor: Actor },
  workspaceId: string,
  body: Static<typeof WorkspaceMembersBody>,
): Promise<WorkspaceDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const ws = await requireWorkspace(trx, ctx.organizationId, workspaceId);
    const current = await membersOf(trx, ctx.organizationId, workspaceId);
    const now = nowIso(ctx.deps);
    const before: unknown[] = [];
    const after: unknown[] = [];
    for (const m of body.members) {
      let label: string;
      if (m.type === 'user') {
        label = (await requireMemberUser(trx, ctx.organizationId, m.id, 'MEMBER_NOT_FOUND')).email;
      } else {
        if (ws.type === 'personal') throw fail(WORKSPACES_ERRORS, 'PERSONAL_WORKSPACE_GROUP');
        const g = await trx
          .selectFrom('groups')
          .select(['id', 'name'])
          .where('organization_id', '=', ctx.organizationId)
          .where('id', '=', m.id)
          .executeTakeFirst();
        if (!g) throw fail(WORKSPACES_ERRORS, 'MEMBER_NOT_FOUND', { groupId: m.id });
        label = `group ${g.name}`;
      }
      const prev = current.find((c) => c.member_type === m.type && c.member_id === m.id);
      if (prev?.role === m.role) continue;
      if (ws.type === 'personal' && !prev) throw fail(WORKSPACES_ERRORS, 'PERSONAL_WORKSPACE_SHARED');
      if (prev) {
        await trx
          .updateTable('workspace_members')
          .set({ role: m.role })
          .where('workspace_id', '=', workspaceId)
          .where('member_type', '=', m.type)
          .where('member_id', '=', m.id)
          .execute();
        prev.role = m.role;
      } else {
        await trx
          .insertInto('workspace_members')
          .values({
            organization_id: ctx.organizationId,
            workspace_id: workspaceId,
            member_type: m.type,
            member_id: m.id,
            role: m.role,
            added_by: ctx.actor.userId,
            added_at: now,
          })
          .execute();
        current.push({
          organization_id: ctx.organizationId,
          workspace_id: workspaceId,
          member_type: m.type,
          member_id: m.id,
          role: m.role,
          added_by: ctx.actor.userId,
          added_at: now,
        });
      }
      before.push(prev ? { member: label, role: prev.role } : { member: label, role: null });
      after.push({ member: label, role: m.role });
    }
    if (!current.some((c) => c.member_type === 'user' && c.role === 'admin')) throw fail(WORKSPACES_ERRORS, 'LAST_WORKSPACE_ADMIN');
    if (after.length > 0) {
      await recordAudit(trx, ctx, {
        action: 'workspace.members_changed',
        category: 'access',
        risk: 'low',
        subject: { type: 'workspace', id: ws.id, label: ws.name },
        reason,
        before,
        after,
      });
    }
  });
  return getWorkspace(ctx, workspaceId);
}

export async function removeWorkspaceMember(
  ctx: RequestContext & { actor: Actor },
  workspaceId: string,
  memberType: 'user' | 'group',
  memberId: string,
  reasonInput?: string,
): Promise<WorkspaceDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const ws = await requireWorkspace(trx, ctx.organizationId, workspaceId);
    const current = await membersOf(trx, ctx.organizationId, workspaceId);
    const prev = current.find((c) => c.member_type === memberType && c.member_id === memberId);
    if (!prev) throw fail(WORKSPACES_ERRORS, 'MEMBER_NOT_FOUND');
    const rest = current.filter((c) => c !== prev);
    if (!rest.some((c) => c.member_type === 'user' && c.role === 'admin')) throw fail(WORKSPACES_ERRORS, 'LAST_WORKSPACE_ADMIN');
    await trx
      .deleteFrom('workspace_members')
      .where('workspace_id', '=', workspaceId)
      .where('member_type', '=', memberType)
      .where('member_id', '=', memberId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'workspace.member_removed',
      category: 'access',
      risk: 'low',
      subject: { type: 'workspace', id: ws.id, label: ws.name },
      reason,
      before: { member: `${memberType} ${memberId}`, role: prev.role },
      after: { member: `${memberType} ${memberId}`, role: null },
    });
  });
  return getWorkspace(ctx, workspaceId);
}

/** A user's Workspaces with the path(s) that grant each: direct, via a group, via the organization. */
export async function userWorkspaces(db: DbOrTrx, organizationId: string, userId: string): Promise<UserWorkspace[]> {
  const groupIds = await groupIdsOf(db, organizationId, userId);
  const rows = await membershipsReaching(db, organizationId, userId, groupIds);
  const groupNames = groupIds.length
    ? new Map(
        (await db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', groupIds).execute()).map((g) => [
          g.id,
          g.name,
        ]),
      )
    : new Map<string, string>();
  const byWs = new Map<string, UserWorkspace>();
  const add = (ws: { id: string; name: string; type: UserWorkspace['workspace']['type'] }, path: AccessPath) => {
    const entry = byWs.get(ws.id) ?? { workspace: ws, role: path.role, paths: [], owned: false };
    entry.role = higherRole(entry.role, path.role);
    entry.paths.push(path);
    byWs.set(ws.id, entry);
  };
  for (const r of rows) {
    const ws = { id: r.workspace_id, name: r.name, type: r.type };
    if (r.member_type === 'user') add(ws, { via: 'direct', role: r.role });
    else add(ws, { via: 'group', role: r.role, group: { id: r.member_id, name: groupNames.get(r.member_id) ?? '' } });
  }
  for (const ws of await organizationWorkspaces(db, organizationId)) add(ws, { via: 'organization', role: 'viewer' });
  const ids = [...byWs.keys()];
  if (ids.length) {
    const owned = await db
      .selectFrom('content_items')
      .select('external_id')
      .where('organization_id', '=', organizationId)
      .where('type', '=', 'workspace')
      .where('owner_user_id', '=', userId)
      .where('external_id', 'in', ids)
      .execute();
    for (const o of owned) byWs.get(o.external_id)!.owned = true;
  }
  return [...byWs.values()].sort((a, b) => a.workspace.name.localeCompare(b.workspace.name));
}

export async function listUserWorkspaces(ctx: RequestContext, userId: string): Promise<UserWorkspace[]> {
  const user = await ctx.deps.db.selectFrom('users').select('id').where('organization_id', '=', ctx.organizationId).where('id', '=', userId).executeTakeFirst();
  if (!user) throw fail(WORKSPACES_ERRORS, 'MEMBER_NOT_FOUND', { userId });
  return userWorkspaces(ctx.deps.db, ctx.organizationId, userId);
}
