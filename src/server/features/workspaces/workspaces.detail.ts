// One Workspace in detail: its members, and everyone it reaches with the path(s) that grant each.
import {
  WORKSPACE_ROLES,
  type AccessPath,
  type EffectiveAccess,
  type Workspace,
  type WorkspaceDetail,
  type WorkspaceMember,
  type WorkspaceRole,
} from '../../../contracts/workspaces.js';
import type { DbOrTrx } from '../../db/database.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { WORKSPACES_ERRORS } from './workspaces.errors.js';
import { findWorkspace, listWorkspaceRows, membersOf, type ListedWorkspace } from './workspaces.repository.js';
import type { WorkspaceMemberRow, WorkspaceRow } from './workspaces.table.js';

const EFFECTIVE_CAP = 500;

export function higherRole(a: WorkspaceRole, b: WorkspaceRole): WorkspaceRole {
  return WORKSPACE_ROLES.indexOf(a) <= WORKSPACE_ROLES.indexOf(b) ? a : b;
}

export function listedToContract(row: ListedWorkspace): Workspace {
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

/** Who reaches a Workspace through a membership: active users, and invited ones once they accept. */
const REACHING = ['active', 'invited'] as const;

export async function requireWorkspace(db: DbOrTrx, organizationId: string, id: string): Promise<WorkspaceRow> {
  const row = await findWorkspace(db, organizationId, id);
  if (!row) throw fail(WORKSPACES_ERRORS, 'WORKSPACE_NOT_FOUND', { workspaceId: id });
  return row;
}

/** A Workspace with its members and its effective access (capped at EFFECTIVE_CAP people, with the true total). */
export async function getWorkspace(ctx: RequestContext, id: string): Promise<WorkspaceDetail> {
  const { db } = ctx.deps;
  const ws = await requireWorkspace(db, ctx.organizationId, id);
  const [listed] = await listWorkspaceRows(db, ctx.organizationId, { id }, null, 1);
  const members = await membersOf(db, ctx.organizationId, id);
  const { memberList, groupNames } = await describeMembers(db, ctx.organizationId, members);
  const { access, everyoneCount } = await collectAccess(db, ctx.organizationId, ws, members, groupNames);
  const { effectiveAccess, total } = await reachingPeople(db, ctx.organizationId, access, everyoneCount);
  return { ...listedToContract(listed), members: memberList, effectiveAccess, effectiveAccessTotal: total };
}

/** The members as the console lists them (users by email, groups by size), users first, then by name; and the groups' names. */
async function describeMembers(
  db: DbOrTrx,
  organizationId: string,
  members: WorkspaceMemberRow[],
): Promise<{ memberList: WorkspaceMember[]; groupNames: Map<string, string> }> {
  const userIds = members.filter((m) => m.member_type === 'user').map((m) => m.member_id);
  const groupIds = members.filter((m) => m.member_type === 'group').map((m) => m.member_id);
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'name', 'email', 'status']).where('organization_id', '=', organizationId).where('id', 'in', userIds).execute()
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
        .where('organization_id', '=', organizationId)
        .where('id', 'in', groupIds)
        .execute()
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const memberList: WorkspaceMember[] = members
    .map((m): WorkspaceMember | null => {
      if (m.member_type === 'user') {
        const u = userById.get(m.member_id);
        return u ? { type: 'user', id: u.id, name: u.name, detail: u.email, memberCount: null, role: m.role, addedAt: m.added_at } : null;
      }
      const g = groupById.get(m.member_id);
      return g
        ? {
            type: 'group',
            id: g.id,
            name: g.name,
            detail: `${Number(g.member_count)} member${Number(g.member_count) === 1 ? '' : 's'}`,
            memberCount: Number(g.member_count),
            role: m.role,
            addedAt: m.added_at,
          }
        : null;
    })
    .filter((m): m is WorkspaceMember => m !== null)
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  return { memberList, groupNames: new Map(groups.map((g) => [g.id, g.name])) };
}

type AccessByUser = Map<string, { role: WorkspaceRole; paths: AccessPath[] }>;

/**
 * Effective access: direct + via groups (+ everyone, as Viewer, for Organization Workspaces), each
 * user with their highest role. everyoneCount is how many the organization path reaches in all.
 */
async function collectAccess(
  db: DbOrTrx,
  organizationId: string,
  ws: WorkspaceRow,
  members: WorkspaceMemberRow[],
  groupNames: Map<string, string>,
): Promise<{ access: AccessByUser; everyoneCount: number }> {
  const groupIds = members.filter((m) => m.member_type === 'group').map((m) => m.member_id);
  const access: AccessByUser = new Map();
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
      .where('organization_id', '=', organizationId)
      .where('group_id', 'in', groupIds)
      .limit(20_000)
      .execute();
    const roleOfGroup = new Map(members.filter((x) => x.member_type === 'group').map((m) => [m.member_id, m.role]));
    for (const row of gm)
      add(row.user_id, { via: 'group', role: roleOfGroup.get(row.group_id)!, group: { id: row.group_id, name: groupNames.get(row.group_id) ?? '' } });
  }
  let everyoneCount = 0;
  if (ws.type === 'organization') {
    const everyone = await db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('status', 'in', REACHING)
      .orderBy('name')
      .limit(EFFECTIVE_CAP)
      .execute();
    for (const u of everyone) add(u.id, { via: 'organization', role: 'viewer' });
    const count = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .where('status', 'in', REACHING)
      .executeTakeFirstOrThrow();
    everyoneCount = Number(count.n);
  }
  return { access, everyoneCount };
}

/** The people the access reaches (not deactivated ones), highest role first then by name, capped; and their true total. */
async function reachingPeople(
  db: DbOrTrx,
  organizationId: string,
  access: AccessByUser,
  everyoneCount: number,
): Promise<{ effectiveAccess: EffectiveAccess[]; total: number }> {
  const ids = [...access.keys()];
  const people = new Map<string, { id: string; name: string; email: string; status: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'status'])
      .where('organization_id', '=', organizationId)
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
  return { effectiveAccess, total };
}
