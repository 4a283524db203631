import type {
  CreateRoleBody,
  DuplicateRoleBody,
  PermissionRef,
  RecommendRoleBody,
  Role,
  RoleChoice,
  RoleImpact,
  RoleImpactBody,
  RoleRecommendation,
  RoleSecurityPolicyInput,
  UpdateRoleBody,
} from '../../../contracts/roles.js';
import { IDLE_LOGOUT_MAX, IDLE_LOGOUT_MIN } from '../../../contracts/roles.js';
import { DEFAULT_ROLE_KEY, isPermissionKey, isPrivilegedPermission, isPrivilegedSet, PERMISSIONS, SYSTEM_ROLES } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { assertVersion, requireReasonIfConfigured } from '../../platform/reasons.js';
import { ROLES_ERRORS } from './roles.errors.js';
import {
  assertCanAddPermissions,
  assertCanGrantDefaultRole,
  assertKeepsAccessAdmin,
  countOtherAccessAdmins,
  grantsAccessAdmin,
  lockOrganizationForAccessChange,
  missingForDefaultInvitations,
} from './roles.guardrails.js';
import {
  activeHolderIds,
  countPendingInvitationsWithRole,
  countRoleHoldersByStatus,
  countUsersByRole,
  countUsersWithRole,
  deleteRoleRow,
  findRoleById,
  findRoleByName,
  findRoleBySystemKey,
  findUserBrief,
  insertRole,
  listRoleHolders,
  listRoleRows,
  updateRole as updateRoleRow,
  userNames,
} from './roles.repository.js';
import type { RoleRow } from './roles.table.js';

type Ctx = RequestContext & { actor: Actor };

export function rolePermissions(row: Pick<RoleRow, 'permissions'>): string[] {
  return JSON.parse(row.permissions) as string[];
}

export function roleRowToRole(row: RoleRow, userCount: number, owner: { id: string; name: string } | null = null): Role {
  const permissions = rolePermissions(row);
  return {
    id: row.id,
    key: row.system_key,
    name: row.name,
    description: row.description,
    system: row.system_key !== null,
    privileged: isPrivilegedSet(permissions),
    permissions,
    securityPolicy: {
      requirePasskeyEnrollment: row.require_passkey_enrollment === 1,
      requirePasskeyAfterMagicLink: row.require_passkey_after_magic_link === 1,
      idleLogoutMinutes: row.idle_logout_minutes,
    },
    owner,
    userCount,
    version: row.version,
  };
}

/** Creates the system roles of a new organization. */
export async function seedSystemRoles(trx: DbOrTrx, deps: Deps, organizationId: string): Promise<Map<string, string>> {
  const now = nowIso(deps);
  const ids = new Map<string, string>();
  for (const role of SYSTEM_ROLES) {
    const id = deps.newId();
    ids.set(role.key, id);
    await insertRole(trx, {
      id,
      organization_id: organizationId,
      system_key: role.key,
      name: role.name,
      name_normalized: role.name.toLowerCase(),
      description: role.description,
      permissions: JSON.stringify(role.permissions),
      require_passkey_enrollment: 0,
      require_passkey_after_magic_link: 0,
      idle_logout_minutes: null,
      owner_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
  }
  return ids;
}

export async function listRoles(ctx: RequestContext): Promise<Role[]> {
  const { db } = ctx.deps;
  const [rows, counts] = await Promise.all([listRoleRows(db, ctx.organizationId), countUsersByRole(db, ctx.organizationId)]);
  const owners = await userNames(db, ctx.organizationId, rows.map((r) => r.owner_user_id).filter((id): id is string => id !== null));
  return rows.map((row) => roleRowToRole(row, counts.get(row.id) ?? 0, ownerOf(row, owners)));
}

/** The role, or ROLE_NOT_FOUND: ids from another organization are indistinguishable from unknown ones. */
export async function requireRole(db: DbOrTrx, organizationId: string, roleId: string): Promise<RoleRow> {
  const row = await findRoleById(db, organizationId, roleId);
  if (!row) throw fail(ROLES_ERRORS, 'ROLE_NOT_FOUND', { roleId });
  return row;
}

/** The role, or undefined when the organization has no role with this id. */
export function findRole(db: DbOrTrx, organizationId: string, roleId: string): Promise<RoleRow | undefined> {
  return findRoleById(db, organizationId, roleId);
}

/** The role invitations give when they name none. */
export function findDefaultRole(db: DbOrTrx, organizationId: string): Promise<RoleRow | undefined> {
  return findRoleBySystemKey(db, organizationId, DEFAULT_ROLE_KEY);
}

/** Every role of the organization, as rows (for changes that weigh several roles at once). */
export function listRoleRowsOf(db: DbOrTrx, organizationId: string): Promise<RoleRow[]> {
  return listRoleRows(db, organizationId);
}

function ownerOf(row: RoleRow, names: Map<string, string>): { id: string; name: string } | null {
  if (!row.owner_user_id) return null;
  return { id: row.owner_user_id, name: names.get(row.owner_user_id) ?? '' };
}

export async function getRole(ctx: RequestContext, roleId: string): Promise<Role> {
  const { db } = ctx.deps;
  const row = await requireRole(db, ctx.organizationId, roleId);
  const [count, owners] = await Promise.all([countUsersWithRole(db, ctx.organizationId, roleId), userNames(db, ctx.organizationId, row.owner_user_id ? [row.owner_user_id] : [])]);
  return roleRowToRole(row, count, ownerOf(row, owners));
}

const catalogueOrder = new Map(PERMISSIONS.map((p, i) => [p.key, i]));

/** Deduplicated keys in catalogue order; unknown keys answer 400 UNKNOWN_PERMISSION naming them. */
export function normalizePermissions(keys: readonly string[]): string[] {
  const unknown = [...new Set(keys.filter((k) => !isPermissionKey(k)))];
  if (unknown.length > 0) {
    throw fail(ROLES_ERRORS, 'UNKNOWN_PERMISSION', { unknown }, `These permissions do not exist: ${unknown.join(', ')}.`);
  }
  return [...new Set(keys)].sort((a, b) => catalogueOrder.get(a)! - catalogueOrder.get(b)!);
}

function permissionRef(key: string): PermissionRef {
  const p = PERMISSIONS.find((d) => d.key === key)!;
  return { key: p.key, label: p.label, category: p.category, privileged: p.privileged };
}

interface PolicyColumns {
  require_passkey_enrollment: number;
  require_passkey_after_magic_link: number;
  idle_logout_minutes: number | null;
}

/** Applies a policy input over `base`; "Idle auto logout" is Off (null) or whole minutes in 15..1440. */
export function policyColumns(input: RoleSecurityPolicyInput | undefined, base: PolicyColumns): PolicyColumns {
  const idle = input?.idleLogoutMinutes === undefined ? base.idle_logout_minutes : input.idleLogoutMinutes;
  if (idle !== null && (typeof idle !== 'number' || !Number.isInteger(idle) || idle < IDLE_LOGOUT_MIN || idle > IDLE_LOGOUT_MAX)) {
    throw fail(ROLES_ERRORS, 'INVALID_IDLE_LOGOUT', { idleLogoutMinutes: idle, minimum: IDLE_LOGOUT_MIN, maximum: IDLE_LOGOUT_MAX });
  }
  return {
    require_passkey_enrollment: input?.requirePasskeyEnrollment === undefined ? base.require_passkey_enrollment : input.requirePasskeyEnrollment ? 1 : 0,
    require_passkey_after_magic_link:
      input?.requirePasskeyAfterMagicLink === undefined ? base.require_passkey_after_magic_link : input.requirePasskeyAfterMagicLink ? 1 : 0,
    idle_logout_minutes: idle,
  };
}

function normalizeName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw fail(ROLES_ERRORS, 'ROLE_NAME_REQUIRED');
  return trimmed;
}

async function assertNameFree(db: DbOrTrx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await findRoleByName(db, organizationId, name.toLowerCase());
  if (existing && existing.id !== exceptId) {
    throw fail(ROLES_ERRORS, 'ROLE_NAME_TAKEN', { roleId: existing.id }, `A role named "${existing.name}" already exists. Choose another name.`);
  }
}

/** A privileged custom role has a named owner, and an owner is always an active user of the organization. */
async function checkOwner(db: DbOrTrx, organizationId: string, ownerUserId: string | null, permissions: readonly string[]): Promise<void> {
  if (ownerUserId === null) {
    if (isPrivilegedSet(permissions)) throw fail(ROLES_ERRORS, 'OWNER_REQUIRED');
    return;
  }
  const user = await findUserBrief(db, organizationId, ownerUserId);
  if (!user || user.status !== 'active') throw fail(ROLES_ERRORS, 'OWNER_NOT_FOUND', { ownerUserId });
}

function auditView(row: Pick<RoleRow, 'name' | 'description' | 'permissions' | 'owner_user_id'> & PolicyColumns) {
  return {
    name: row.name,
    description: row.description,
    permissions: JSON.parse(row.permissions) as string[],
    ownerUserId: row.owner_user_id,
    securityPolicy: {
      requirePasskeyEnrollment: row.require_passkey_enrollment === 1,
      requirePasskeyAfterMagicLink: row.require_passkey_after_magic_link === 1,
      idleLogoutMinutes: row.idle_logout_minutes,
    },
  };
}

interface NewRoleInput {
  name: string;
  description: string;
  permissions: string[];
  policy: PolicyColumns;
  ownerUserId: string | null;
  reason: string | undefined;
  action: 'role.created' | 'role.duplicated';
  duplicatedFrom?: { id: string; name: string };
}

async function insertCustomRole(ctx: Ctx, input: NewRoleInput): Promise<string> {
  const id = ctx.deps.newId();
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, input.reason);
    assertCanAddPermissions(ctx.actor, input.permissions, input.name);
    assertCanGrantDefaultRole(input.permissions, input.name);
    await assertNameFree(trx, ctx.organizationId, input.name);
    await checkOwner(trx, ctx.organizationId, input.ownerUserId, input.permissions);
    const now = nowIso(ctx.deps);
    const row = {
      id,
      organization_id: ctx.organizationId,
      system_key: null,
      name: input.name,
      name_normalized: input.name.toLowerCase(),
      description: input.description,
      permissions: JSON.stringify(input.permissions),
      ...input.policy,
      owner_user_id: input.ownerUserId,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertRole(trx, row);
    await recordAudit(trx, ctx, {
      action: input.action,
      category: 'access',
      risk: isPrivilegedSet(input.permissions) ? 'high' : 'medium',
      subject: { type: 'role', id, label: input.name },
      reason,
      before: input.duplicatedFrom ? { duplicatedFrom: input.duplicatedFrom } : null,
      after: auditView(row),
    });
  });
  return id;
}

export async function createRole(ctx: Ctx, body: CreateRoleBody): Promise<Role> {
  const permissions = normalizePermissions(body.permissions);
  const policy = policyColumns(body.securityPolicy, { require_passkey_enrollment: 0, require_passkey_after_magic_link: 0, idle_logout_minutes: null });
  const id = await insertCustomRole(ctx, {
    name: normalizeName(body.name),
    description: body.description?.trim() ?? '',
    permissions,
    policy,
    ownerUserId: body.ownerUserId ?? null,
    reason: body.reason,
    action: 'role.created',
  });
  return getRole(ctx, id);
}

export async function duplicateRole(ctx: Ctx, roleId: string, body: DuplicateRoleBody): Promise<Role> {
  const source = await requireRole(ctx.deps.db, ctx.organizationId, roleId);
  const permissions = rolePermissions(source);
  let name = body.name !== undefined ? normalizeName(body.name) : `${source.name} (copy)`;
  if (body.name === undefined) {
    // "Admin (copy)", "Admin (copy 2)", ... : the first free one.
    for (let n = 2; await findRoleByName(ctx.deps.db, ctx.organizationId, name.toLowerCase()); n++) name = `${source.name} (copy ${n})`;
  }
  const ownerUserId = body.ownerUserId !== undefined ? body.ownerUserId : (source.owner_user_id ?? (isPrivilegedSet(permissions) ? ctx.actor.userId : null));
  const id = await insertCustomRole(ctx, {
    name,
    description: source.description,
    permissions,
    policy: { require_passkey_enrollment: source.require_passkey_enrollment, require_passkey_after_magic_link: source.require_passkey_after_magic_link, idle_logout_minutes: source.idle_logout_minutes },
    ownerUserId,
    reason: body.reason,
    action: 'role.duplicated',
    duplicatedFrom: { id: source.id, name: source.name },
  });
  return getRole(ctx, id);
}

function assertCustom(row: RoleRow): void {
  if (row.system_key !== null) throw fail(ROLES_ERRORS, 'SYSTEM_ROLE_READONLY', { roleId: row.id }, `"${row.name}" is a system role and cannot be changed. Duplicate it to make a custom role you can edit.`);
}

export async function updateRole(ctx: Ctx, roleId: string, body: UpdateRoleBody): Promise<Role> {
  const permissionsInput = body.permissions === undefined ? undefined : normalizePermissions(body.permissions);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const before = await requireRole(trx, ctx.organizationId, roleId);
    assertCustom(before);
    assertVersion(body.version, before.version);
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    const name = body.name === undefined ? before.name : normalizeName(body.name);
    if (name.toLowerCase() !== before.name_normalized) await assertNameFree(trx, ctx.organizationId, name, roleId);
    const oldPermissions = rolePermissions(before);
    const permissions = permissionsInput ?? oldPermissions;
    assertCanAddPermissions(ctx.actor, permissions.filter((p) => !oldPermissions.includes(p)), name);
    assertCanGrantDefaultRole(permissions, name);
    if (grantsAccessAdmin(oldPermissions) && !grantsAccessAdmin(permissions)) {
      await assertKeepsAccessAdmin(trx, ctx.organizationId, await activeHolderIds(trx, ctx.organizationId, roleId));
    }
    const ownerUserId = body.ownerUserId === undefined ? before.owner_user_id : body.ownerUserId;
    if (ownerUserId !== before.owner_user_id || isPrivilegedSet(permissions) !== isPrivilegedSet(oldPermissions)) {
      await checkOwner(trx, ctx.organizationId, ownerUserId, permissions);
    }
    const policy = policyColumns(body.securityPolicy, before);
    const patch = {
      name,
      name_normalized: name.toLowerCase(),
      description: body.description === undefined ? before.description : body.description.trim(),
      permissions: JSON.stringify(permissions),
      ...policy,
      owner_user_id: ownerUserId,
      version: before.version + 1,
      updated_at: nowIso(ctx.deps),
    };
    await updateRoleRow(trx, ctx.organizationId, roleId, patch);
    const gained = permissions.filter((p) => !oldPermissions.includes(p));
    const lost = oldPermissions.filter((p) => !permissions.includes(p));
    await recordAudit(trx, ctx, {
      action: 'role.updated',
      category: 'access',
      risk: [...gained, ...lost].some(isPrivilegedPermission) ? 'high' : 'medium',
      subject: { type: 'role', id: roleId, label: name },
      reason,
      before: auditView(before),
      after: { ...auditView({ ...before, ...patch }), gained, lost },
    });
  });
  return getRole(ctx, roleId);
}

export async function deleteRole(ctx: Ctx, roleId: string, reasonInput: string | undefined): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const role = await requireRole(trx, ctx.organizationId, roleId);
    assertCustom(role);
    const [userCount, invitationCount] = await Promise.all([
      countUsersWithRole(trx, ctx.organizationId, roleId),
      countPendingInvitationsWithRole(trx, ctx.organizationId, roleId),
    ]);
    if (userCount > 0 || invitationCount > 0) {
      const parts = [userCount > 0 ? `${userCount} ${userCount === 1 ? 'user holds' : 'users hold'} "${role.name}"` : null, invitationCount > 0 ? `${invitationCount} pending ${invitationCount === 1 ? 'invitation names' : 'invitations name'} it` : null].filter(Boolean);
      throw fail(
        ROLES_ERRORS,
        'ROLE_IN_USE',
        { userCount, invitationCount, link: `/admin/users?role=${encodeURIComponent(roleId)}` },
        `${parts.join(' and ')}. Move ${userCount > 0 ? 'them' : 'the invitations'} to another role before deleting it.`,
      );
    }
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    await deleteRoleRow(trx, ctx.organizationId, roleId);
    await recordAudit(trx, ctx, {
      action: 'role.deleted',
      category: 'access',
      risk: isPrivilegedSet(rolePermissions(role)) ? 'high' : 'medium',
      subject: { type: 'role', id: roleId, label: role.name },
      reason,
      before: auditView(role),
      after: null,
    });
  });
}

const IMPACT_USER_LIMIT = 200;

/** What saving `permissions` on the role (or a new role) would change, and the refusals it would meet. */
export async function roleImpact(ctx: Ctx, body: RoleImpactBody): Promise<RoleImpact> {
  const { db } = ctx.deps;
  const permissions = normalizePermissions(body.permissions);
  const role = body.roleId ? await requireRole(db, ctx.organizationId, body.roleId) : null;
  const oldPermissions = role ? rolePermissions(role) : [];
  const gained = permissions.filter((p) => !oldPermissions.includes(p));
  const lost = oldPermissions.filter((p) => !permissions.includes(p));
  const problems: RoleImpact['problems'] = [];
  if (role?.system_key) problems.push({ code: 'SYSTEM_ROLE_READONLY', message: ROLES_ERRORS.SYSTEM_ROLE_READONLY.message });
  const missing = gained.filter((p) => !ctx.actor.permissions.has(p));
  if (missing.length > 0) {
    problems.push({ code: 'ROLE_ESCALATION', message: `Your own role does not have: ${missing.map((p) => permissionRef(p).label).join(', ')}. You cannot add these.` });
  }
  const missingForInvites = missingForDefaultInvitations(permissions);
  if (missingForInvites.length > 0) {
    problems.push({ code: 'DEFAULT_ROLE_NOT_GRANTABLE', message: `Holders could invite people but not grant the default role: add ${missingForInvites.map((p) => permissionRef(p).label).join(', ')}, or remove "Invite users".` });
  }
  let counts = { total: 0, active: 0 };
  let holders: { id: string; name: string; email: string; status: string }[] = [];
  if (role) {
    [counts, holders] = await Promise.all([countRoleHoldersByStatus(db, ctx.organizationId, role.id), listRoleHolders(db, ctx.organizationId, role.id, IMPACT_USER_LIMIT)]);
    if (grantsAccessAdmin(oldPermissions) && !grantsAccessAdmin(permissions)) {
      const losing = await activeHolderIds(db, ctx.organizationId, role.id);
      if (losing.length > 0 && (await countOtherAccessAdmins(db, ctx.organizationId, losing)) === 0) {
        problems.push({ code: 'LAST_ACCESS_ADMIN', message: 'This would leave your organization with nobody who can manage users and roles.' });
      }
    }
  }
  return {
    roleId: role?.id ?? null,
    gained: gained.map(permissionRef),
    lost: lost.map(permissionRef),
    privilegedChange: [...gained, ...lost].some(isPrivilegedPermission),
    userCount: counts.total,
    activeUserCount: counts.active,
    users: holders.map((u) => ({ ...u, gained, lost })),
    truncated: counts.total > holders.length,
    problems,
  };
}

/**
 * "Help me choose": the seed's day-one questions mapped to the permissions they need.
 *  - always (end-user features: open and edit Workspaces, chats, artifacts): workspaces.view, workspaces.edit
 *  - needsAdminPages (see the Users, Roles and Groups pages): users.view, roles.view, groups.view
 *  - createsSharedWorkspaces: workspaces.create_shared
 *  - configuresIntegrations: integrations.manage
 *  - managesAccess (users, groups, roles or security settings): the day-to-day access work of the
 *    "User manager": users.view, users.invite, users.assign_role, users.deactivate, groups.manage.
 *    Editing roles themselves or the organization's security settings stays with Admin; the reason says so.
 * The narrowest role is the one with the fewest permissions that covers them all; ties go to the role
 * with fewer privileged permissions, then to system roles, then by name. Roles the asker cannot assign
 * (their own role lacks some permission) are only recommended when no assignable role fits.
 */
export const RECOMMENDATION_MAP: Record<keyof RecommendRoleBody | 'base', readonly string[]> = {
  base: ['workspaces.view', 'workspaces.edit'],
  needsAdminPages: ['users.view', 'roles.view', 'groups.view'],
  createsSharedWorkspaces: ['workspaces.create_shared'],
  configuresIntegrations: ['integrations.manage'],
  managesAccess: ['users.view', 'users.invite', 'users.assign_role', 'users.deactivate', 'groups.manage'],
};

const ANSWER_LABELS: Record<keyof RecommendRoleBody, string> = {
  needsAdminPages: 'admin pages',
  createsSharedWorkspaces: 'creating shared Workspaces',
  configuresIntegrations: 'configuring integrations',
  managesAccess: 'managing users and groups',
};

export async function recommendRole(ctx: Ctx, body: RecommendRoleBody): Promise<RoleRecommendation> {
  const answers = (Object.keys(ANSWER_LABELS) as (keyof RecommendRoleBody)[]).filter((k) => body[k]);
  const required = normalizePermissions([...RECOMMENDATION_MAP.base, ...answers.flatMap((k) => RECOMMENDATION_MAP[k])]);
  const rows = await listRoleRows(ctx.deps.db, ctx.organizationId);
  const needs = answers.length > 0 ? `end-user features and ${answers.map((k) => ANSWER_LABELS[k]).join(', ')}` : 'end-user features only';
  const candidates = rows
    .map((row) => ({ row, permissions: rolePermissions(row) }))
    .filter((c) => required.every((p) => c.permissions.includes(p)))
    .map((c) => ({
      ...c,
      privilegedCount: c.permissions.filter(isPrivilegedPermission).length,
      assignable: c.permissions.every((p) => ctx.actor.permissions.has(p)),
    }))
    .sort(
      (a, b) =>
        a.permissions.length - b.permissions.length ||
        a.privilegedCount - b.privilegedCount ||
        Number(a.row.system_key === null) - Number(b.row.system_key === null) ||
        a.row.name.localeCompare(b.row.name),
    );
  const best = candidates.find((c) => c.assignable) ?? candidates[0];
  const toChoice = (c: (typeof candidates)[number], recommended: boolean): RoleChoice => {
    const extra = c.permissions.length - required.length;
    let reason = recommended
      ? `"${c.row.name}" is the narrowest role that covers ${needs}: ${c.permissions.length} permissions, ${extra === 0 ? 'none beyond what is needed' : `${extra} beyond what is needed`}.`
      : `Also covers ${needs}, with ${extra} permissions beyond what is needed${c.privilegedCount > 0 ? ` (${c.privilegedCount} privileged)` : ''}.`;
    if (!c.assignable) reason += ' Your own role lacks some of its permissions, so an administrator who holds them must assign it.';
    if (recommended && body.managesAccess) reason += ' Editing roles or organization security settings needs Admin.';
    return {
      roleId: c.row.id,
      name: c.row.name,
      system: c.row.system_key !== null,
      privileged: c.privilegedCount > 0,
      permissionCount: c.permissions.length,
      assignable: c.assignable,
      reason,
    };
  };
  return {
    recommended: best ? toChoice(best, true) : null,
    alternatives: candidates.filter((c) => c !== best).slice(0, 5).map((c) => toChoice(c, false)),
    required,
  };
}
