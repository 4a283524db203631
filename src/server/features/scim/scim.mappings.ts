// Group-to-role mappings: "IdP group X → role Y". SCIM groups are cohorts and grant nothing; a mapping
// is the one way an identity provider's grouping sets a role. The rules, also in the README:
// - a mapping is made within its maker's grant ceiling, and is applied only while its maker is active
//   and still holds every permission of the role (otherwise it is inactive and ignored);
// - it is applied through the users feature's role assignment, so the acting token's ceiling, the
//   outranking rule and the last-administrator guardrail hold; what a guardrail refuses is audited;
// - someone in several mapped groups gets the role with the most permissions (ties: role name, then id);
// - someone who leaves every mapped group falls back to the organization's default role, but only if
//   their role still is the one a mapping gave (a role set in the console since is left alone).
import type { DbOrTrx } from '../../db/database.js';
import { recordAudits } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { findDefaultRole, rolePermissions } from '../roles/index.js';
import { assignRoles, usersByIds, type UserRow } from '../users/index.js';
import { mappedRolesOf, mappingsWithContext, membershipsAmong, setMappedRole, type MappingWithContext } from './scim.mappings-repository.js';

type Ctx = RequestContext & { actor: Actor };

export interface Refusal {
  userId: string;
  email: string;
  code: string;
  message: string;
}

export interface MappingOutcome {
  changed: number;
  refused: Refusal[];
}

const perms = (json: string | null): string[] => (json ? rolePermissions({ permissions: json }) : []);

/** What deciding whether a group-to-role mapping (SCIM) or rule (single sign-on) still applies needs. */
export type MappingMaker = Pick<MappingWithContext, 'creator_status' | 'creator_name' | 'creator_permissions' | 'role_permissions' | 'role_name'>;

/** Why a mapping is not applied, or null when it is. */
export function inactiveReason(m: MappingMaker): string | null {
  if (m.creator_status !== 'active') return `${m.creator_name ?? 'The administrator who made it'} is no longer an active user: make the mapping again.`;
  const held = new Set(perms(m.creator_permissions));
  if (!perms(m.role_permissions).every((p) => held.has(p))) {
    return `${m.creator_name ?? 'Its maker'} no longer holds every permission of ${m.role_name}: someone who does must make the mapping again.`;
  }
  return null;
}

/** What ranking two mapped (or ruled) roles needs. */
export type RankedRole = Pick<MappingWithContext, 'role_permissions' | 'role_name' | 'role_id'>;

/** Deterministic winner among mapped (SCIM) or ruled (single sign-on) roles: most permissions, then role name, then role id. */
export function outranks(a: RankedRole, b: RankedRole): boolean {
  const diff = perms(a.role_permissions).length - perms(b.role_permissions).length;
  if (diff !== 0) return diff > 0;
  if (a.role_name !== b.role_name) return a.role_name < b.role_name;
  return a.role_id < b.role_id;
}

/** The role each user should hold by the active mappings of the groups they are in (absent: no mapped group). */
async function mappedTargets(trx: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Map<string, MappingWithContext>> {
  const mappings = (await mappingsWithContext(trx, organizationId)).filter((m) => inactiveReason(m) === null);
  const byGroup = new Map(mappings.map((m) => [m.group_id, m]));
  const best = new Map<string, MappingWithContext>();
  for (const { user_id, group_id } of await membershipsAmong(trx, organizationId, userIds, [...byGroup.keys()])) {
    const m = byGroup.get(group_id)!;
    const current = best.get(user_id);
    if (!current || outranks(m, current)) best.set(user_id, m);
  }
  return best;
}

interface Plan {
  roleId: string;
  roleName: string;
  mapped: boolean;
  reason: string;
  users: UserRow[];
}

/**
 * Brings the roles of `userIds` (SCIM users whose mapped-group memberships may have changed) in line
 * with the mappings, inside the caller's transaction, as the caller's actor. Returns what changed and
 * what a guardrail refused (each refusal is audited).
 */
export async function applyRoleMappings(trx: DbOrTrx, ctx: Ctx, userIds: readonly string[]): Promise<MappingOutcome> {
  const outcome: MappingOutcome = { changed: 0, refused: [] };
  if (userIds.length === 0) return outcome;
  const { organizationId } = ctx;
  // One connection in a transaction: one query at a time.
  const targets = await mappedTargets(trx, organizationId, userIds);
  const mappedRoles = await mappedRolesOf(trx, organizationId, userIds);
  const users = await usersByIds(trx, organizationId, userIds);
  const defaultRole = await findDefaultRole(trx, organizationId);
  const plans = new Map<string, Plan>();
  const unmark: string[] = [];
  for (const user of users) {
    if (!mappedRoles.has(user.id)) continue; // not (or no longer) a SCIM user
    const m = targets.get(user.id);
    const given = mappedRoles.get(user.id);
    let plan: Omit<Plan, 'users'> | null = null;
    if (m) plan = { roleId: m.role_id, roleName: m.role_name, mapped: true, reason: `Group-to-role mapping: member of the IdP group “${m.group_name}”` };
    else if (given && given === user.role_id && defaultRole)
      plan = {
        roleId: defaultRole.id,
        roleName: defaultRole.name,
        mapped: false,
        reason: 'Group-to-role mapping: in no mapped IdP group any more, back to the default role',
      };
    else if (given) unmark.push(user.id);
    if (!plan) continue;
    const key = `${plan.roleId}\n${plan.reason}`;
    plans.set(key, { ...plan, users: [...(plans.get(key)?.users ?? []), user] });
  }
  await setMappedRole(trx, organizationId, unmark, null);
  for (const plan of plans.values()) await carryOut(trx, ctx, plan, outcome);
  return outcome;
}

async function carryOut(trx: DbOrTrx, ctx: Ctx, plan: Plan, outcome: MappingOutcome): Promise<void> {
  let refused: { user: UserRow; error: AppError }[];
  try {
    const result = await assignRoles(trx, ctx, plan.users, plan.roleId, plan.reason);
    outcome.changed += result.changed.length;
    refused = result.refused;
  } catch (error) {
    // The acting token's (or administrator's) own ceiling does not reach the role: nobody moves.
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    refused = plan.users.map((user) => ({ user, error }));
  }
  const refusedIds = new Set(refused.map((r) => r.user.id));
  await setMappedRole(
    trx,
    ctx.organizationId,
    plan.users.filter((u) => !refusedIds.has(u.id)).map((u) => u.id),
    plan.mapped ? plan.roleId : null,
  );
  if (refused.length === 0) return;
  outcome.refused.push(...refused.map(({ user, error }) => ({ userId: user.id, email: user.email, code: error.code, message: error.message })));
  await recordAudits(
    trx,
    ctx,
    refused.map(({ user, error }) => ({
      action: 'scim.role_mapping.refused',
      category: 'access' as const,
      risk: 'high' as const,
      subject: { type: 'user', id: user.id, label: user.email },
      reason: `${plan.reason}: ${error.message}`,
      before: { roleId: user.role_id },
      after: { roleId: user.role_id, wanted: { id: plan.roleId, name: plan.roleName }, refusal: error.code },
    })),
  );
}
