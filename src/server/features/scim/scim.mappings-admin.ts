// The console's side of group-to-role mappings (Integrations → Provisioning). Making one is granting
// a role: the maker's grant ceiling applies, and the group's current members get the role at once
// (removing one sends them back to the default role), through the same rules as a SCIM change.
import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateScimRoleMappingBody, ScimRoleMapping, ScimRoleMappingList, ScimRoleMappingOutcome } from '../../../contracts/scim.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { assertNoEscalation, findRole, listRoleRowsOf, lockOrganizationForAccessChange, rolePermissions } from '../roles/index.js';
import { SCIM_ERRORS } from './scim.errors.js';
import { applyRoleMappings, inactiveReason } from './scim.mappings.js';
import {
  deleteMapping,
  findMapping,
  findMappingOfGroup,
  insertMapping,
  mappingPageWithContext,
  mappingsWithContext,
  scimGroupChoices,
  type MappingWithContext,
} from './scim.mappings-repository.js';
import { findScimGroup, scimMembersOf } from './scim.repository.js';

type Ctx = RequestContext & { actor: Actor };

function toContract(m: MappingWithContext): Static<typeof ScimRoleMapping> {
  const reason = inactiveReason(m);
  return {
    id: m.id,
    group: { id: m.group_id, name: m.group_name },
    role: { id: m.role_id, name: m.role_name },
    createdBy: { id: m.created_by, name: m.creator_name ?? 'a former administrator' },
    createdAt: m.created_at,
    active: reason === null,
    inactiveReason: reason,
  };
}

/** One page of mappings by group name (then id), with the groups and roles a new mapping can name. */
export async function listRoleMappings(ctx: Ctx, query: PageQuery): Promise<Static<typeof ScimRoleMappingList>> {
  const db = ctx.deps.db;
  const limit = limitOf(query);
  const [mappings, groups, roles] = [
    await mappingPageWithContext(db, ctx.organizationId, decodeKeysetCursor(query.cursor), limit),
    await scimGroupChoices(db, ctx.organizationId),
    await listRoleRowsOf(db, ctx.organizationId),
  ];
  // Only the roles within the caller's own grant ceiling can be chosen.
  const grantable = roles.filter((r) => rolePermissions(r).every((p) => ctx.actor.permissions.has(p)));
  const page = keysetPage(mappings, limit, (m) => ({ key: m.group_key, id: m.id }), toContract);
  return { ...page, groups, roles: grantable.map((r) => ({ id: r.id, name: r.name })) };
}

export async function createRoleMapping(ctx: Ctx, body: Static<typeof CreateScimRoleMappingBody>): Promise<Static<typeof ScimRoleMappingOutcome>> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const group = await findScimGroup(trx, ctx.organizationId, body.groupId);
    if (!group) throw fail(SCIM_ERRORS, 'SCIM_GROUP_NOT_FOUND');
    const role = await findRole(trx, ctx.organizationId, body.roleId);
    if (!role) throw fail(SCIM_ERRORS, 'SCIM_ROLE_NOT_FOUND');
    assertNoEscalation(ctx.actor, rolePermissions(role), role.name);
    if (await findMappingOfGroup(trx, ctx.organizationId, group.group_id)) throw fail(SCIM_ERRORS, 'SCIM_ROLE_MAPPING_EXISTS');
    const id = ctx.deps.newId();
    await insertMapping(trx, {
      id,
      organization_id: ctx.organizationId,
      group_id: group.group_id,
      role_id: role.id,
      created_by: ctx.actor.userId,
      created_at: nowIso(ctx.deps),
    });
    await recordAudit(trx, ctx, {
      action: 'scim.role_mapping.created',
      category: 'access',
      risk: 'high',
      subject: { type: 'group', id: group.group_id, label: group.name },
      before: null,
      after: { group: group.name, role: { id: role.id, name: role.name } },
    });
    const members = await scimMembersOf(trx, ctx.organizationId, group.group_id);
    const outcome = await applyRoleMappings(
      trx,
      ctx,
      members.map((m) => m.user_id),
    );
    const mapping = (await mappingsWithContext(trx, ctx.organizationId)).find((m) => m.id === id)!;
    return { mapping: toContract(mapping), ...outcome };
  });
}

export async function removeRoleMapping(ctx: Ctx, id: string): Promise<Static<typeof ScimRoleMappingOutcome>> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const mapping = await findMapping(trx, ctx.organizationId, id);
    if (!mapping) throw fail(SCIM_ERRORS, 'SCIM_ROLE_MAPPING_NOT_FOUND');
    const group = await findScimGroup(trx, ctx.organizationId, mapping.group_id);
    const role = await findRole(trx, ctx.organizationId, mapping.role_id);
    await deleteMapping(trx, ctx.organizationId, id);
    await recordAudit(trx, ctx, {
      action: 'scim.role_mapping.removed',
      category: 'access',
      risk: 'high',
      subject: { type: 'group', id: mapping.group_id, label: group?.name ?? mapping.group_id },
      before: { group: group?.name ?? null, role: role ? { id: role.id, name: role.name } : null },
      after: null,
    });
    const members = await scimMembersOf(trx, ctx.organizationId, mapping.group_id);
    const outcome = await applyRoleMappings(
      trx,
      ctx,
      members.map((m) => m.user_id),
    );
    return { mapping: null, ...outcome };
  });
}
