// The console's side of group-to-role rules (Organization settings → Single sign-on → a connection).
// Making one is granting a role: the maker's grant ceiling applies (roles.assertNoEscalation), as for
// SCIM's group-to-role mappings. A rule acts at each sign-in through the connection (sso.mappings.ts).
import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateSsoRoleRuleBody, SsoRoleRule, SsoRoleRuleList } from '../../../contracts/sso.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { assertNoEscalation, findRole, listRoleRowsOf, lockOrganizationForAccessChange, rolePermissions, ROLES_ERRORS } from '../roles/index.js';
import { roleMappingInactiveReason } from '../scim/index.js';
import { requireConnection } from './sso.connections.js';
import { SSO_ERRORS } from './sso.errors.js';
import { deleteRule, findRule, findRuleOfGroup, insertRule, rulePageWithContext, rulesWithContext, type RuleWithContext } from './sso.mappings-repository.js';

type Ctx = RequestContext & { actor: Actor };

function toContract(r: RuleWithContext): Static<typeof SsoRoleRule> {
  const reason = roleMappingInactiveReason(r);
  return {
    id: r.id,
    idpGroup: r.idp_group,
    role: { id: r.role_id, name: r.role_name },
    createdBy: { id: r.created_by, name: r.creator_name ?? 'a former administrator' },
    createdAt: r.created_at,
    active: reason === null,
    inactiveReason: reason,
  };
}

/** One page of the connection's rules by IdP group (then id), with the roles the caller may choose. */
export async function listRoleRules(ctx: Ctx, connectionId: string, query: PageQuery): Promise<Static<typeof SsoRoleRuleList>> {
  const db = ctx.deps.db;
  await requireConnection(db, ctx.organizationId, connectionId);
  const limit = limitOf(query);
  const rules = await rulePageWithContext(db, ctx.organizationId, connectionId, decodeKeysetCursor(query.cursor), limit);
  const roles = await listRoleRowsOf(db, ctx.organizationId);
  // Only the roles within the caller's own grant ceiling can be chosen.
  const grantable = roles.filter((r) => rolePermissions(r).every((p) => ctx.actor.permissions.has(p)));
  const page = keysetPage(rules, limit, (r) => ({ key: r.idp_group, id: r.id }), toContract);
  return { ...page, roles: grantable.map((r) => ({ id: r.id, name: r.name })) };
}

export async function createRoleRule(ctx: Ctx, connectionId: string, body: Static<typeof CreateSsoRoleRuleBody>): Promise<Static<typeof SsoRoleRule>> {
  const idpGroup = body.idpGroup.trim();
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const connection = await requireConnection(trx, ctx.organizationId, connectionId);
    const role = await findRole(trx, ctx.organizationId, body.roleId);
    if (!role) throw fail(ROLES_ERRORS, 'ROLE_NOT_FOUND');
    assertNoEscalation(ctx.actor, rolePermissions(role), role.name);
    if (await findRuleOfGroup(trx, connectionId, idpGroup)) throw fail(SSO_ERRORS, 'SSO_ROLE_RULE_EXISTS');
    const id = ctx.deps.newId();
    await insertRule(trx, {
      id,
      organization_id: ctx.organizationId,
      connection_id: connectionId,
      idp_group: idpGroup,
      role_id: role.id,
      created_by: ctx.actor.userId,
      created_at: nowIso(ctx.deps),
    });
    await recordAudit(trx, ctx, {
      action: 'sso.role_rule.created',
      category: 'access',
      risk: 'high',
      subject: { type: 'sso_connection', id: connectionId, label: connection.name },
      before: null,
      after: { idpGroup, role: { id: role.id, name: role.name } },
    });
    return toContract((await rulesWithContext(trx, ctx.organizationId, connectionId)).find((r) => r.id === id)!);
  });
}

export async function removeRoleRule(ctx: Ctx, connectionId: string, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const connection = await requireConnection(trx, ctx.organizationId, connectionId);
    const rule = await findRule(trx, ctx.organizationId, connectionId, id);
    if (!rule) throw fail(SSO_ERRORS, 'SSO_ROLE_RULE_NOT_FOUND');
    const role = await findRole(trx, ctx.organizationId, rule.role_id);
    await deleteRule(trx, id);
    await recordAudit(trx, ctx, {
      action: 'sso.role_rule.removed',
      category: 'access',
      risk: 'high',
      subject: { type: 'sso_connection', id: connectionId, label: connection.name },
      before: { idpGroup: rule.idp_group, role: role ? { id: role.id, name: role.name } : null },
      after: null,
    });
  });
}
