import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateWorkspaceBody, UserWorkspace, WorkspaceDetail, WorkspaceListQuery } from '../../../contracts/workspaces.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { announceOwnershipChanges } from '../ownership/index.js';
import { getWorkspace, listedToContract } from './workspaces.detail.js';
import { WORKSPACES_ERRORS } from './workspaces.errors.js';
import { requireMemberUser } from './workspaces.members.js';
import { listWorkspaceRows } from './workspaces.repository.js';
import { compareWorkspaceKeys, userWorkspaces } from './workspaces.reach.js';

export async function listWorkspaces(ctx: RequestContext, query: Static<typeof WorkspaceListQuery>) {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const rows = await listWorkspaceRows(
    ctx.deps.db,
    ctx.organizationId,
    { search: query.search, type: query.type },
    after && { name: after[0], id: after[1] },
    limit,
  );
  const page = pageOf(rows, limit, (row) => [row.name, row.id]);
  return { items: page.rows.map(listedToContract), nextCursor: page.nextCursor };
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

/**
 * One page of a user's Workspaces, by name then id, with the path(s) that grant each: direct, via a
 * group, via the organization. The user's reach is read in one statement (as the user page does) and
 * the page cut from it after the cursor's (name, id).
 */
export async function listUserWorkspaces(
  ctx: RequestContext,
  userId: string,
  query: PageQuery,
): Promise<{ items: UserWorkspace[]; nextCursor: string | null }> {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const user = await ctx.deps.db.selectFrom('users').select('id').where('organization_id', '=', ctx.organizationId).where('id', '=', userId).executeTakeFirst();
  if (!user) throw fail(WORKSPACES_ERRORS, 'MEMBER_NOT_FOUND', { userId });
  const all = await userWorkspaces(ctx.deps.db, ctx.deps.dialect, ctx.organizationId, userId);
  const rest = after ? all.filter((w) => compareWorkspaceKeys([w.workspace.name, w.workspace.id], after) > 0) : all;
  const page = pageOf(rest.slice(0, limit + 1), limit, (w) => [w.workspace.name, w.workspace.id]);
  return { items: page.rows, nextCursor: page.nextCursor };
}
