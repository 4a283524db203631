// SCIM Groups: lists, one group, and changes (POST, PUT, PATCH, DELETE) onto the product's groups.
// Membership changes are set-based (the difference between what is and what should be, a statement
// per 500 people), so pushing a group of thousands is a handful of statements, not thousands.
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import {
  changeGroupMemberships,
  createGroupInTransaction,
  deleteGroupInTransaction,
  findGroupNamed,
  renameGroupInTransaction,
  type GroupRow,
} from '../groups/index.js';
import { scimFail } from './scim.errors.js';
import { noteFor } from './scim.log.js';
import { applyRoleMappings } from './scim.mappings.js';
import { deleteMapping, findMappingOfGroup } from './scim.mappings-repository.js';
import { compileFilter } from './scim.filter-sql.js';
import { parseFilter } from './scim.filter.js';
import { GROUP_PATCH_SCHEMA, groupFilter, groupResource, groupVersion, readGroup, type GroupInput } from './scim.group-resource.js';
import { assertIfMatch, listResponse, paging, project, type ListQuery } from './scim.list.js';
import { applyPatch } from './scim.patch-apply.js';
import { parsePatchBody, type Json } from './scim.patch.js';
import {
  deleteGroupLink,
  findGroupLinkByExternalId,
  findScimGroup,
  insertGroupLink,
  listScimGroups,
  scimMembersOf,
  scimUsersAmong,
  updateGroupLink,
  type ScimGroupView,
} from './scim.repository.js';
import { sortOrder } from './scim.sort.js';
import { scimBaseUrl } from './scim.tokens.js';
import { scimReason, type Ctx } from './scim.users-link.js';

function wantsMembers(query: Pick<ListQuery, 'attributes' | 'excludedAttributes'>): boolean {
  const names = (list?: string) =>
    (list ?? '')
      .toLowerCase()
      .split(',')
      .map((a) => a.trim().split('.')[0]);
  if (query.attributes) return names(query.attributes).includes('members');
  return !names(query.excludedAttributes).includes('members');
}

export async function listGroups(ctx: RequestContext, query: ListQuery): Promise<Json> {
  const { startIndex, offset, limit } = paging(query);
  const map = groupFilter(ctx.deps.dialect);
  const where = query.filter ? compileFilter(parseFilter(query.filter), map, ctx.deps.dialect) : null;
  const { rows, total } = await listScimGroups(ctx.deps.db, ctx.organizationId, where, offset, limit, sortOrder(query, map, ctx.deps.dialect));
  const withMembers = wantsMembers(query);
  const resources: Json[] = [];
  for (const row of rows) {
    const members = withMembers ? await scimMembersOf(ctx.deps.db, ctx.organizationId, row.group_id) : null;
    resources.push(project(groupResource(row, members, scimBaseUrl(ctx.deps)), query));
  }
  return listResponse(resources, total, startIndex);
}

async function requireScimGroup(db: DbOrTrx, organizationId: string, id: string): Promise<ScimGroupView> {
  const row = await findScimGroup(db, organizationId, id);
  if (!row) throw scimFail('RESOURCE_NOT_FOUND', `No Group ${id} in this organization.`);
  return row;
}

export async function getGroup(ctx: RequestContext, id: string, query: Pick<ListQuery, 'attributes' | 'excludedAttributes'> = {}): Promise<Json> {
  const row = await requireScimGroup(ctx.deps.db, ctx.organizationId, id);
  const members = wantsMembers(query) ? await scimMembersOf(ctx.deps.db, ctx.organizationId, id) : null;
  return project(groupResource(row, members, scimBaseUrl(ctx.deps)), query);
}

/** Makes the group's SCIM members exactly `memberIds`; returns how many were added and removed. */
async function setMembers(trx: DbOrTrx, ctx: Ctx, group: { id: string; name: string }, memberIds: string[]) {
  const current = await scimMembersOf(trx, ctx.organizationId, group.id);
  const currentIds = new Set(current.map((m) => m.user_id));
  const wanted = new Set(memberIds);
  const toAdd = memberIds.filter((id) => !currentIds.has(id));
  const toRemove = current.filter((m) => !wanted.has(m.user_id));
  const users = await scimUsersAmong(trx, ctx.organizationId, toAdd);
  if (users.length !== toAdd.length) {
    const known = new Set(users.map((u) => u.user_id));
    const unknown = toAdd.filter((id) => !known.has(id));
    throw scimFail(
      'INVALID_VALUE',
      `${unknown.length} member value(s) are not Users of this organization: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}.`,
    );
  }
  const reason = scimReason(ctx);
  const added = await changeGroupMemberships(
    trx,
    ctx,
    group,
    users.map((u) => ({ id: u.user_id, email: u.email, role_id: u.role_id })),
    'add',
    reason,
  );
  const removed = await changeGroupMemberships(
    trx,
    ctx,
    group,
    toRemove.map((m) => ({ id: m.user_id, email: m.email, role_id: m.role_id })),
    'remove',
    reason,
  );
  await applyMappingOf(trx, ctx, group.id, [...added, ...removed]);
  return { added: added.length, removed: removed.length };
}

/** When the group has a role mapping, the roles of the people who joined or left it follow. */
async function applyMappingOf(trx: DbOrTrx, ctx: Ctx, groupId: string | null, userIds: string[]): Promise<void> {
  if (userIds.length === 0 || (groupId && !(await findMappingOfGroup(trx, ctx.organizationId, groupId)))) return;
  const { refused } = await applyRoleMappings(trx, ctx, userIds);
  if (refused.length === 0) return;
  const first = refused[0];
  noteFor(ctx, `${refused.length} role change(s) by a group-to-role mapping refused, e.g. ${first.email}: ${first.message}`);
}

async function assertExternalIdFree(trx: DbOrTrx, ctx: Ctx, input: GroupInput, groupId: string | null): Promise<void> {
  if (input.externalId && (await findGroupLinkByExternalId(trx, ctx.organizationId, input.externalId, groupId))) {
    throw scimFail('UNIQUENESS', `Another group already has the externalId "${input.externalId}".`);
  }
}

/** POST /Groups: a new product group, or the console group of that name linked (and said so in the audit). */
export async function createGroup(ctx: Ctx, body: unknown): Promise<Json> {
  const input = readGroup(body);
  const id = await ctx.deps.db.transaction().execute(async (trx) => {
    await assertExternalIdFree(trx, ctx, input, null);
    const existing: GroupRow | undefined = await findGroupNamed(trx, ctx.organizationId, input.displayName.toLowerCase());
    if (existing && (await findScimGroup(trx, ctx.organizationId, existing.id))) {
      throw scimFail('UNIQUENESS', `A group named "${existing.name}" is already provisioned.`);
    }
    const groupId = existing?.id ?? (await createGroupInTransaction(trx, ctx.deps, ctx.organizationId, input.displayName));
    const now = nowIso(ctx.deps);
    await insertGroupLink(trx, {
      group_id: groupId,
      organization_id: ctx.organizationId,
      external_id: input.externalId,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const counts = await setMembers(trx, ctx, { id: groupId, name: existing?.name ?? input.displayName }, input.memberIds);
    await recordAudit(trx, ctx, {
      action: existing ? 'scim.group.linked' : 'scim.group.created',
      category: 'admin',
      risk: 'low',
      subject: { type: 'group', id: groupId, label: input.displayName },
      reason: existing ? `A group named "${existing.name}" already existed: linked to it instead of creating another.` : null,
      before: null,
      after: { displayName: input.displayName, externalId: input.externalId, membersAdded: counts.added },
    });
    return groupId;
  });
  return getGroup(ctx, id);
}

export async function replaceGroup(ctx: Ctx, id: string, body: unknown, ifMatch: string | undefined): Promise<Json> {
  const input = readGroup(body);
  await updateGroup(ctx, id, ifMatch, () => input);
  return getGroup(ctx, id);
}

export async function patchGroup(ctx: Ctx, id: string, body: unknown, ifMatch: string | undefined): Promise<void> {
  const operations = parsePatchBody(body, GROUP_PATCH_SCHEMA);
  await updateGroup(ctx, id, ifMatch, (current) => readGroup(applyPatch(current, operations, GROUP_PATCH_SCHEMA)));
}

async function updateGroup(ctx: Ctx, id: string, ifMatch: string | undefined, next: (current: Json) => GroupInput): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await requireScimGroup(trx, ctx.organizationId, id);
    assertIfMatch(ifMatch, groupVersion(row));
    const members = await scimMembersOf(trx, ctx.organizationId, id);
    const input = next(groupResource(row, members, ''));
    await assertExternalIdFree(trx, ctx, input, id);
    const now = nowIso(ctx.deps);
    if (input.displayName !== row.name) await renameGroupInTransaction(trx, ctx.organizationId, id, input.displayName, now);
    const counts = await setMembers(trx, ctx, { id, name: input.displayName }, input.memberIds);
    await updateGroupLink(trx, ctx.organizationId, id, { external_id: input.externalId, version: row.version + 1, updated_at: now });
    if (input.displayName === row.name && input.externalId === row.external_id) return;
    await recordAudit(trx, ctx, {
      action: 'scim.group.updated',
      category: 'admin',
      risk: 'low',
      subject: { type: 'group', id, label: input.displayName },
      before: { displayName: row.name, externalId: row.external_id },
      after: { displayName: input.displayName, externalId: input.externalId, membersAdded: counts.added, membersRemoved: counts.removed },
    });
  });
}

export async function deleteGroup(ctx: Ctx, id: string, ifMatch: string | undefined): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await requireScimGroup(trx, ctx.organizationId, id);
    assertIfMatch(ifMatch, groupVersion(row));
    const members = await scimMembersOf(trx, ctx.organizationId, id);
    const mapped = await findMappingOfGroup(trx, ctx.organizationId, id);
    if (mapped) await deleteMapping(trx, ctx.organizationId, mapped.id);
    await deleteGroupLink(trx, ctx.organizationId, id);
    await deleteGroupInTransaction(trx, ctx.organizationId, id);
    await recordAudit(trx, ctx, {
      action: 'group.deleted',
      category: 'admin',
      risk: 'medium',
      subject: { type: 'group', id, label: row.name },
      reason: scimReason(ctx),
      before: { name: row.name, scimMembers: members.length, ...(mapped ? { roleMapping: mapped.role_id } : {}) },
      after: null,
    });
    // The mapping went with the group: its members' roles follow as if each had left it.
    if (mapped)
      await applyMappingOf(
        trx,
        ctx,
        null,
        members.map((m) => m.user_id),
      );
  });
}
