import type { DbOrTrx } from '../../db/database.js';
import type { WorkspaceMemberRow, WorkspaceRow } from './workspaces.table.js';

export function findWorkspace(db: DbOrTrx, organizationId: string, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function listWorkspaceRows(
  db: DbOrTrx,
  organizationId: string,
  filter: { search?: string; type?: string; id?: string },
  after: { name: string; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('workspaces')
    .leftJoin('content_items', (join) =>
      join.onRef('content_items.external_id', '=', 'workspaces.id').onRef('content_items.organization_id', '=', 'workspaces.organization_id'),
    )
    .leftJoin('users', 'users.id', 'content_items.owner_user_id')
    .select([
      'workspaces.id',
      'workspaces.name',
      'workspaces.type',
      'workspaces.description',
      'workspaces.created_at',
      'content_items.owner_user_id',
      'users.name as owner_name',
      (eb) =>
        eb
          .selectFrom('workspace_members')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('workspace_members.workspace_id', '=', 'workspaces.id')
          .where('workspace_members.member_type', '=', 'user')
          .as('user_members'),
      (eb) =>
        eb
          .selectFrom('workspace_members')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('workspace_members.workspace_id', '=', 'workspaces.id')
          .where('workspace_members.member_type', '=', 'group')
          .as('group_members'),
    ])
    .where('workspaces.organization_id', '=', organizationId);
  if (filter.id) q = q.where('workspaces.id', '=', filter.id);
  if (filter.type) q = q.where('workspaces.type', '=', filter.type as WorkspaceRow['type']);
  if (filter.search?.trim()) q = q.where('workspaces.name', 'like', `%${filter.search.trim().replace(/[\\%_]/g, '')}%`);
  if (after)
    q = q.where((eb) => eb.or([eb('workspaces.name', '>', after.name), eb.and([eb('workspaces.name', '=', after.name), eb('workspaces.id', '>', after.id)])]));
  return q
    .orderBy('workspaces.name')
    .orderBy('workspaces.id')
    .limit(limit + 1)
    .execute();
}
export type ListedWorkspace = Awaited<ReturnType<typeof listWorkspaceRows>>[number];

export function membersOf(db: DbOrTrx, organizationId: string, workspaceId: string): Promise<WorkspaceMemberRow[]> {
  return db.selectFrom('workspace_members').selectAll().where('organization_id', '=', organizationId).where('workspace_id', '=', workspaceId).execute();
}
