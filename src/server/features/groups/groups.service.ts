import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateGroupBody, Group, GroupDetail, GroupListQuery, GroupMemberList, GroupMembersBody, UpdateGroupBody } from '../../../contracts/groups.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { readDbOf } from '../../platform/read-routing.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { GROUPS_ERRORS } from './groups.errors.js';
import type { GroupRow } from './groups.table.js';
import { changeGroupMemberships } from './groups.memberships.js';
import {
  countMembers,
  deleteGroupRow,
  findGroupById,
  findGroupByName,
  findGroupsByIds,
  insertGroup,
  listGroupRowsWithCounts,
  listMembers,
  updateGroupRow,
} from './groups.repository.js';

type Ctx = RequestContext & { actor: Actor };

/** The group, or undefined when the organization has no group with this id. */
export function findGroup(db: DbOrTrx, organizationId: string, id: string): Promise<GroupRow | undefined> {
  return findGroupById(db, organizationId, id);
}

/** The group with this name (compared lower-cased), as invitations name groups in CSV files. */
export function findGroupNamed(db: DbOrTrx, organizationId: string, nameNormalized: string): Promise<GroupRow | undefined> {
  return findGroupByName(db, organizationId, nameNormalized);
}

/** The groups among `ids` that exist in the organization. */
export function findGroups(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<GroupRow[]> {
  return findGroupsByIds(db, organizationId, ids);
}

export function countGroupMembers(db: DbOrTrx, organizationId: string, groupId: string): Promise<number> {
  return countMembers(db, organizationId, groupId);
}

/** A group made without an actor or audit event (demo data); returns its id. */
export async function seedGroup(trx: DbOrTrx, deps: Deps, organizationId: string, name: string, description: string): Promise<string> {
  const id = deps.newId();
  await insertGroup(trx, {
    id,
    organization_id: organizationId,
    name,
    name_normalized: name.toLowerCase(),
    description,
    created_at: nowIso(deps),
    updated_at: nowIso(deps),
  });
  return id;
}

/** Hints against group sprawl; a group grants no permissions, so an unused one is only clutter. */
export function sprawlHints(memberCount: number): Pick<Group, 'hints' | 'hintCodes'> {
  if (memberCount === 0) return { hints: ['No members: add people or delete the group.'], hintCodes: ['no_members'] };
  if (memberCount === 1) return { hints: ['Only one member: a group of one is usually better handled on the user.'], hintCodes: ['one_member'] };
  return { hints: [], hintCodes: [] };
}

/** One page of groups by name (keyset on name, id), with the cursor of the next page or null. */
export async function listGroups(ctx: RequestContext, query: GroupListQuery): Promise<{ items: Group[]; nextCursor: string | null }> {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const rows = await listGroupRowsWithCounts(await readDbOf(ctx), ctx.organizationId, after && { name: after[0], id: after[1] }, limit);
  const page = pageOf(rows, limit, (row) => [row.name, row.id]);
  return { items: page.rows.map(toGroup), nextCursor: page.nextCursor };
}

function toGroup(r: Awaited<ReturnType<typeof listGroupRowsWithCounts>>[number]): Group {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    memberCount: Number(r.member_count),
    createdAt: r.created_at,
    ...sprawlHints(Number(r.member_count)),
  };
}

async function requireGroup(db: DbOrTrx, organizationId: string, id: string) {
  const row = await findGroupById(db, organizationId, id);
  if (!row) throw fail(GROUPS_ERRORS, 'GROUP_NOT_FOUND');
  return row;
}

/** The group with the first page of its members (by name); GET /api/groups/:id/members pages on from membersNextCursor. */
export async function getGroup(ctx: RequestContext, id: string): Promise<GroupDetail> {
  const db = await readDbOf(ctx);
  const row = await requireGroup(db, ctx.organizationId, id);
  const [count, members] = await Promise.all([countMembers(db, ctx.organizationId, id), memberPage(db, ctx.organizationId, id, {})]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: count,
    createdAt: row.created_at,
    ...sprawlHints(count),
    members: members.items,
    membersNextCursor: members.nextCursor,
  };
}

/** One page of a group's members, by name then id. */
export async function listGroupMembers(ctx: RequestContext, id: string, query: PageQuery): Promise<GroupMemberList> {
  const db = await readDbOf(ctx);
  await requireGroup(db, ctx.organizationId, id);
  return memberPage(db, ctx.organizationId, id, query);
}

async function memberPage(db: DbOrTrx, organizationId: string, groupId: string, query: PageQuery): Promise<GroupMemberList> {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const rows = await listMembers(db, organizationId, groupId, after && { name: after[0], id: after[1] }, limit);
  const page = pageOf(rows, limit, (m) => [m.name, m.id]);
  return { items: page.rows.map((m) => ({ id: m.id, name: m.name, email: m.email, status: m.status, addedAt: m.added_at })), nextCursor: page.nextCursor };
}

async function assertNameFree(db: DbOrTrx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await findGroupByName(db, organizationId, name.toLowerCase());
  if (existing && existing.id !== exceptId)
    throw fail(GROUPS_ERRORS, 'GROUP_NAME_TAKEN', { groupId: existing.id }, `A group named "${existing.name}" already exists.`);
}

export async function createGroup(ctx: Ctx, body: Static<typeof CreateGroupBody>): Promise<GroupDetail> {
  const name = body.name.trim();
  if (!name) throw fail(GROUPS_ERRORS, 'GROUP_NAME_REQUIRED');
  const id = ctx.deps.newId();
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    await assertNameFree(trx, ctx.organizationId, name);
    const now = nowIso(ctx.deps);
    await insertGroup(trx, {
      id,
      organization_id: ctx.organizationId,
      name,
      name_normalized: name.toLowerCase(),
      description: body.description?.trim() ?? '',
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'group.created',
      category: 'admin',
      risk: 'low',
      subject: { type: 'group', id, label: name },
      reason,
      before: null,
      after: { name, description: body.description ?? '' },
    });
  });
  return getGroup(ctx, id);
}

export async function updateGroup(ctx: Ctx, id: string, body: Static<typeof UpdateGroupBody>): Promise<GroupDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const before = await requireGroup(trx, ctx.organizationId, id);
    const name = body.name?.trim();
    if (body.name !== undefined && !name) throw fail(GROUPS_ERRORS, 'GROUP_NAME_REQUIRED');
    if (name) await assertNameFree(trx, ctx.organizationId, name, id);
    const patch = {
      ...(name && { name, name_normalized: name.toLowerCase() }),
      ...(body.description !== undefined && { description: body.description.trim() }),
      updated_at: nowIso(ctx.deps),
    };
    await updateGroupRow(trx, ctx.organizationId, id, patch);
    await recordAudit(trx, ctx, {
      action: 'group.updated',
      category: 'admin',
      risk: 'low',
      subject: { type: 'group', id, label: name ?? before.name },
      reason,
      before: { name: before.name, description: before.description },
      after: { name: name ?? before.name, description: body.description ?? before.description },
    });
  });
  return getGroup(ctx, id);
}

export async function deleteGroup(ctx: Ctx, id: string, reasonInput?: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const group = await requireGroup(trx, ctx.organizationId, id);
    const members = await countMembers(trx, ctx.organizationId, id);
    await deleteGroupRow(trx, ctx.organizationId, id);
    await recordAudit(trx, ctx, {
      action: 'group.deleted',
      category: 'admin',
      risk: 'medium',
      subject: { type: 'group', id, label: group.name },
      reason,
      before: { name: group.name, members },
      after: null,
    });
  });
}

export async function changeGroupMembers(ctx: Ctx, id: string, body: Static<typeof GroupMembersBody>, mode: 'add' | 'remove'): Promise<GroupDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const group = await requireGroup(trx, ctx.organizationId, id);
    const ids = [...new Set(body.userIds)];
    const users: { id: string; email: string; role_id: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      // Deleted users hold no memberships (a restore gives theirs back); the users list relies on it.
      users.push(
        ...(await trx
          .selectFrom('users')
          .select(['id', 'email', 'role_id'])
          .where('organization_id', '=', ctx.organizationId)
          .where('status', '!=', 'deleted')
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    if (users.length !== ids.length) {
      const known = new Set(users.map((u) => u.id));
      throw fail(GROUPS_ERRORS, 'USERS_NOT_FOUND', { missing: ids.filter((u) => !known.has(u)) });
    }
    await changeGroupMemberships(trx, ctx, group, users, mode, reason);
  });
  return getGroup(ctx, id);
}

/** A group renamed by another feature's change (SCIM), which audits it as part of that change. */
export async function renameGroupInTransaction(trx: DbOrTrx, organizationId: string, id: string, name: string, now: string): Promise<void> {
  await assertNameFree(trx, organizationId, name, id);
  await updateGroupRow(trx, organizationId, id, { name, name_normalized: name.toLowerCase(), updated_at: now });
}

/** A group created by another feature's change (SCIM), which audits it; refused when the name is taken. */
export async function createGroupInTransaction(trx: DbOrTrx, deps: Deps, organizationId: string, name: string): Promise<string> {
  await assertNameFree(trx, organizationId, name);
  return seedGroup(trx, deps, organizationId, name, '');
}

/** A group deleted by another feature's change (SCIM), which audits it. Memberships go with it. */
export async function deleteGroupInTransaction(trx: DbOrTrx, organizationId: string, id: string): Promise<void> {
  await deleteGroupRow(trx, organizationId, id);
}
