// Attribute mapping at each single sign-on: the IdP groups of the user (the connection's groups
// claim) become memberships of the product's groups with the same name, and group-to-role rules
// set the user's role. Protocol-neutral: OIDC passes what the ID token said, SAML what the
// assertion's attributes said, as { email, name, groups }. The rules, also in the README:
// - single sign-on adds the user to each group named like one of their IdP groups, and later
//   removes only the memberships it added itself (one made in the console stays);
// - a rule is made within its maker's grant ceiling and applies only while its maker is active and
//   still holds every permission of the role (the same rule as SCIM's group-to-role mappings);
// - it is applied through the users feature's role assignment acting with the maker's permissions,
//   so outranking and the last-administrator guardrail hold; a refusal is audited and the sign-in goes on;
// - in several ruled groups the role with the most permissions wins (ties: role name, then id);
// - leaving every ruled group falls back to the default role, but only if the role still is the one
//   a rule gave (a role set in the console since is left alone).
// Everything runs in the sign-in's transaction and is audited with the connection as actor.
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { changeGroupMemberships, findGroups, groupIdsOf } from '../groups/index.js';
import { findDefaultRole, findRole, rolePermissions } from '../roles/index.js';
import { roleMappingInactiveReason, roleOutranks } from '../scim/index.js';
import { assignRoles, usersByIds, type UserRow } from '../users/index.js';
import {
  groupsNamed,
  managedGroupIds,
  mappedRoleOf,
  markManaged,
  rulesWithContext,
  setMappedRole,
  unmarkManaged,
  type RuleWithContext,
} from './sso.mappings-repository.js';
import type { SsoConnectionRow } from './sso.table.js';

/** What an identity provider said about the person, whatever the protocol. */
export interface SsoClaims {
  email: string;
  name: string | null;
  groups: string[];
}

/** The connection acting (see connectionCtx in sso.accounts.ts). */
export type ConnectionCtx = RequestContext & { actor: Actor };
type MappingConnection = Pick<SsoConnectionRow, 'id' | 'organization_id'>;

const MAX_GROUPS = 500;

/** The groups claim as strings: a list, or one value (some identity providers send a single group as a string). */
export function groupsFromClaim(claims: Record<string, unknown>, claimName: string): string[] {
  const raw = claims[claimName];
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const strings = values.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  return [...new Set(strings.filter(Boolean))].slice(0, MAX_GROUPS);
}

const perms = (json: string | null): string[] => (json ? rolePermissions({ permissions: json }) : []);

/** The connection acting with these permissions (a rule's maker's, or the user's own for their groups). */
function actingWith(ctx: ConnectionCtx, permissions: readonly string[]): ConnectionCtx {
  return { ...ctx, actor: { ...ctx.actor, permissions: new Set(permissions) } };
}

/** Applies the claims' groups and the connection's rules to the user; returns the user as they now are. */
export async function applyAttributeMapping(
  trx: DbOrTrx,
  ctx: ConnectionCtx,
  connection: MappingConnection,
  user: UserRow,
  claims: SsoClaims,
): Promise<UserRow> {
  await syncGroups(trx, ctx, connection, user, claims.groups);
  await applyRoleRules(trx, ctx, connection, user, claims.groups);
  const [now] = await usersByIds(trx, user.organization_id, [user.id]);
  return now;
}

async function syncGroups(trx: DbOrTrx, ctx: ConnectionCtx, connection: MappingConnection, user: UserRow, groups: readonly string[]): Promise<void> {
  const wanted = new Map((await groupsNamed(trx, connection.organization_id, groups)).map((g) => [g.id, g]));
  const current = new Set(await groupIdsOf(trx, connection.organization_id, user.id));
  const managed = new Set(await managedGroupIds(trx, connection.id, user.id));
  const leaving = [...managed].filter((id) => !wanted.has(id));
  const adding = [...wanted.values()].filter((g) => !current.has(g.id));
  if (adding.length === 0 && leaving.length === 0) return;
  // The connection changes this one user's groups: it acts with the user's own permissions, so no outranking check stops it.
  const role = await findRole(trx, connection.organization_id, user.role_id);
  const acting = actingWith(ctx, role ? rolePermissions(role) : []);
  for (const group of adding) await changeGroupMemberships(trx, acting, group, [user], 'add', `Single sign-on: member of the IdP group “${group.name}”`);
  const key = { organization_id: connection.organization_id, connection_id: connection.id, user_id: user.id };
  await markManaged(
    trx,
    key,
    adding.map((g) => g.id).filter((id) => !managed.has(id)),
    nowIso(ctx.deps),
  );
  for (const group of await findGroups(trx, connection.organization_id, leaving)) {
    if (current.has(group.id)) await changeGroupMemberships(trx, acting, group, [user], 'remove', `Single sign-on: no longer in the IdP group “${group.name}”`);
  }
  await unmarkManaged(trx, connection.id, user.id, leaving);
}

async function applyRoleRules(trx: DbOrTrx, ctx: ConnectionCtx, connection: MappingConnection, user: UserRow, groups: readonly string[]): Promise<void> {
  const inGroups = new Set(groups);
  const rules = (await rulesWithContext(trx, connection.organization_id, connection.id)).filter(
    (r) => inGroups.has(r.idp_group) && roleMappingInactiveReason(r) === null,
  );
  const best = rules.reduce<RuleWithContext | null>((a, r) => (!a || roleOutranks(r, a) ? r : a), null);
  const given = await mappedRoleOf(trx, connection.id, user.id);
  const key = { organization_id: connection.organization_id, connection_id: connection.id, user_id: user.id };
  const now = nowIso(ctx.deps);
  if (best) {
    const reason = `Group-to-role rule: member of the IdP group “${best.idp_group}”`;
    const ok = await assign(trx, actingWith(ctx, perms(best.creator_permissions)), user, { id: best.role_id, name: best.role_name }, reason);
    if (ok) await setMappedRole(trx, key, best.role_id, now);
    return;
  }
  if (!given) return;
  const fallback = await findDefaultRole(trx, connection.organization_id);
  const current = await findRole(trx, connection.organization_id, user.role_id);
  if (given === user.role_id && fallback && current && fallback.id !== user.role_id) {
    // Undoing what a rule gave: the connection may take back that role and give the default one.
    const acting = actingWith(ctx, [...rolePermissions(current), ...rolePermissions(fallback)]);
    await assign(trx, acting, user, fallback, 'Group-to-role rule: in no IdP group with a rule any more, back to the default role');
  }
  await setMappedRole(trx, key, null, now);
}

/** The role through every guardrail; a refusal is audited (the sign-in goes on). Returns whether the user holds the role now. */
async function assign(trx: DbOrTrx, ctx: ConnectionCtx, user: UserRow, role: { id: string; name: string }, reason: string): Promise<boolean> {
  if (user.role_id === role.id) return true;
  let refusal: AppError | undefined;
  try {
    refusal = (await assignRoles(trx, ctx, [user], role.id, reason)).refused[0]?.error;
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    refusal = error;
  }
  if (!refusal) return true;
  await recordAudit(trx, ctx, {
    action: 'sso.role_rule.refused',
    category: 'access',
    risk: 'high',
    subject: { type: 'user', id: user.id, label: user.email },
    reason: `${reason}: ${refusal.message}`,
    before: { roleId: user.role_id },
    after: { roleId: user.role_id, wanted: { id: role.id, name: role.name }, refusal: refusal.code },
  });
  return false;
}
