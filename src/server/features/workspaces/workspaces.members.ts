// Who belongs to a Workspace: adding, changing and removing members, keeping a user Admin at all times.
import type { Static } from 'typebox';
import type { WorkspaceDetail, WorkspaceMembersBody } from '../../../contracts/workspaces.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { getWorkspace, requireWorkspace } from './workspaces.detail.js';
import { WORKSPACES_ERRORS } from './workspaces.errors.js';
import { membersOf } from './workspaces.repository.js';

/** A user who may be made a member (or the owner): one who exists, is not deleted and is not deactivated. */
export async function requireMemberUser(db: DbOrTrx, organizationId: string, userId: string, code: 'MEMBER_NOT_FOUND' | 'OWNER_NOT_FOUND') {
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
