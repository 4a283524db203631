import type { Static } from 'typebox';
import type { CreateWorkspaceBody, UserWorkspace, WorkspaceDetail, WorkspaceListQuery } from '../../../contracts/workspaces.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { announceOwnershipChanges } from '../ownership/index.js';
import { getWorkspace, listedToContract } from './workspaces.detail.js';
import { WORKSPACES_ERRORS } from './workspaces.errors.js';
import { requireMemberUser } from './workspaces.members.js';
import { listWorkspaceRows } from './workspaces.repository.js';
import { userWorkspaces } from './workspaces.reach.js';

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

export async function listWorkspaces(ctx: RequestContext, query: Static<typeof WorkspaceListQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listWorkspaceRows(ctx.deps.db, ctx.organizationId, { search: query.search, type: query.type }, decodeCursor(query.cursor), limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(listedToContract), nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
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

/** A user's Workspaces with the path(s) that grant each: direct, via a group, via the organization. */
export async function listUserWorkspaces(ctx: RequestContext, userId: string): Promise<UserWorkspace[]> {
  const user = await ctx.deps.db.selectFrom('users').select('id').where('organization_id', '=', ctx.organizationId).where('id', '=', userId).executeTakeFirst();
  if (!user) throw fail(WORKSPACES_ERRORS, 'MEMBER_NOT_FOUND', { userId });
  return userWorkspaces(ctx.deps.db, ctx.deps.dialect, ctx.organizationId, userId);
}
