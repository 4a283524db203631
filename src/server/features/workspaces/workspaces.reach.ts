// The Workspaces a user reaches (directly, through a group, through the organization), read as one
// JSON column of a query on the user: the user page gets them in its own statement.
import { sql } from 'kysely';
import type { AccessPath, UserWorkspace } from '../../../contracts/workspaces.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf, jsonArrayValue } from '../../db/json-array.js';
import { groupIdsOfUserQuery } from '../groups/index.js';
import { higherRole } from './workspaces.detail.js';

export interface ReachRow {
  workspace_id: string;
  /** 'user', 'group', or 'organization' (every member of the organization reaches it). */
  member_type: string;
  member_id: string;
  role: AccessPath['role'];
  name: string;
  type: UserWorkspace['workspace']['type'];
  group_name: string | null;
  /** true/false on PostgreSQL, 1/0 on SQLite. */
  owned: boolean | number;
}

/** The memberships reaching the user in `userIdColumn` (an outer query's column), as a JSON array column. */
export function workspaceReachColumn(db: DbOrTrx, dialect: Dialect, target: { organizationId: string; userIdColumn: string }) {
  const user = sql.ref(target.userIdColumn);
  const owned = (workspaceIdColumn: string) =>
    sql<boolean>`EXISTS (SELECT 1 FROM content_items WHERE content_items.organization_id = ${target.organizationId}
      AND content_items.type = 'workspace' AND content_items.owner_user_id = ${user} AND content_items.external_id = ${sql.ref(workspaceIdColumn)})`;
  const memberships = db
    .selectFrom('workspace_members')
    .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
    .leftJoin('groups', (join) => join.onRef('groups.id', '=', 'workspace_members.member_id').on('workspace_members.member_type', '=', 'group'))
    .select([
      'workspace_members.workspace_id',
      'workspace_members.member_type',
      'workspace_members.member_id',
      'workspace_members.role',
      'workspaces.name',
      'workspaces.type',
      'groups.name as group_name',
      owned('workspace_members.workspace_id').as('owned'),
    ])
    .where('workspace_members.organization_id', '=', target.organizationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('workspace_members.member_type', '=', 'user'), eb(sql.ref('workspace_members.member_id'), '=', user)]),
        eb.and([
          eb('workspace_members.member_type', '=', 'group'),
          eb('workspace_members.member_id', 'in', groupIdsOfUserQuery(db, target.organizationId, target.userIdColumn)),
        ]),
      ]),
    );
  const organizationWide = db
    .selectFrom('workspaces')
    .select([
      'workspaces.id as workspace_id',
      sql.lit('organization').as('member_type'),
      sql.lit('').as('member_id'),
      sql.lit('viewer').as('role'),
      'workspaces.name',
      'workspaces.type',
      sql<string | null>`NULL`.as('group_name'),
      owned('workspaces.id').as('owned'),
    ])
    .where('workspaces.organization_id', '=', target.organizationId)
    .where('workspaces.type', '=', 'organization');
  return jsonArrayOf<ReachRow>(dialect, memberships.unionAll(organizationWide as never));
}

/** The order of a user's Workspaces: by name, then id so that two of the same name keep their place. */
export function compareWorkspaceKeys([nameA, idA]: readonly string[], [nameB, idB]: readonly string[]): number {
  return nameA.localeCompare(nameB) || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

/** The user's Workspaces, each with every path that reaches it and the highest role, sorted by name. */
export function userWorkspacesFrom(value: ReachRow[] | string | null | undefined): UserWorkspace[] {
  const rows = jsonArrayValue(value);
  const byWs = new Map<string, UserWorkspace>();
  const add = (r: ReachRow, path: AccessPath) => {
    const entry = byWs.get(r.workspace_id) ?? { workspace: { id: r.workspace_id, name: r.name, type: r.type }, role: path.role, paths: [], owned: false };
    entry.role = higherRole(entry.role, path.role);
    entry.paths.push(path);
    entry.owned ||= Boolean(r.owned);
    byWs.set(r.workspace_id, entry);
  };
  // Memberships first, then the organization's own path, whatever order the union returned.
  for (const r of rows) {
    if (r.member_type === 'user') add(r, { via: 'direct', role: r.role });
    else if (r.member_type === 'group') add(r, { via: 'group', role: r.role, group: { id: r.member_id, name: r.group_name ?? '' } });
  }
  for (const r of rows) if (r.member_type === 'organization') add(r, { via: 'organization', role: 'viewer' });
  return [...byWs.values()].sort((a, b) => compareWorkspaceKeys([a.workspace.name, a.workspace.id], [b.workspace.name, b.workspace.id]));
}

/** The user's Workspaces, read in one statement. */
export async function userWorkspaces(db: DbOrTrx, dialect: Dialect, organizationId: string, userId: string): Promise<UserWorkspace[]> {
  const row = await db
    .selectFrom('users')
    .select(workspaceReachColumn(db, dialect, { organizationId, userIdColumn: 'users.id' }).as('reach'))
    .where('users.organization_id', '=', organizationId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return userWorkspacesFrom(row?.reach);
}
