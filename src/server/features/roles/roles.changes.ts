// Creating, duplicating, editing and deleting custom roles, each in one audited transaction.
import {
  type CreateRoleBody,
  type DuplicateRoleBody,
  type Role,
  type RoleSecurityPolicyInput,
  type UpdateRoleBody,
  IDLE_LOGOUT_MAX,
  IDLE_LOGOUT_MIN,
} from '../../../contracts/roles.js';
import { isPrivilegedPermission, isPrivilegedSet } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { assertVersion, requireReasonIfConfigured } from '../../platform/reasons.js';
import { ROLES_ERRORS } from './roles.errors.js';
import {
  assertCanAddPermissions,
  assertCanGrantDefaultRole,
  assertKeepsAccessAdmin,
  lockOrganizationForAccessChange,
  losesAccessAdmin,
} from './roles.guardrails.js';
import {
  activeHolderIds,
  countPendingInvitationsWithRole,
  countUsersWithRole,
  deleteRoleRow,
  findRoleByName,
  findUserBrief,
  insertRole,
  updateRole as updateRoleRow,
} from './roles.repository.js';
import type { RoleRow } from './roles.table.js';
import { type Ctx, rolePermissions, requireRole, getRole, normalizePermissions } from './roles.service.js';

interface PolicyColumns {
  require_passkey_enrollment: number;
  require_passkey_after_magic_link: number;
  require_passkey_after_sso: number;
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
    require_passkey_after_sso: input?.requirePasskeyAfterSso === undefined ? base.require_passkey_after_sso : input.requirePasskeyAfterSso ? 1 : 0,
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
    throw fail(
      ROLES_ERRORS,
      'ROLE_NAME_TAKEN',
      { roleId: existing.id, name: existing.name },
      `A role named "${existing.name}" already exists. Choose another name.`,
    );
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
      requirePasskeyAfterSso: row.require_passkey_after_sso === 1,
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
  const policy = policyColumns(body.securityPolicy, {
    require_passkey_enrollment: 0,
    require_passkey_after_magic_link: 0,
    require_passkey_after_sso: 0,
    idle_logout_minutes: null,
  });
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
    policy: {
      require_passkey_enrollment: source.require_passkey_enrollment,
      require_passkey_after_magic_link: source.require_passkey_after_magic_link,
      require_passkey_after_sso: source.require_passkey_after_sso,
      idle_logout_minutes: source.idle_logout_minutes,
    },
    ownerUserId,
    reason: body.reason,
    action: 'role.duplicated',
    duplicatedFrom: { id: source.id, name: source.name },
  });
  return getRole(ctx, id);
}

function assertCustom(row: RoleRow): void {
  if (row.system_key !== null)
    throw fail(
      ROLES_ERRORS,
      'SYSTEM_ROLE_READONLY',
      { roleId: row.id },
      `"${row.name}" is a system role and cannot be changed. Duplicate it to make a custom role you can edit.`,
    );
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
    assertCanAddPermissions(
      ctx.actor,
      permissions.filter((p) => !oldPermissions.includes(p)),
      name,
    );
    assertCanGrantDefaultRole(permissions, name);
    if (losesAccessAdmin(oldPermissions, permissions)) {
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
      const parts = [
        userCount > 0 ? `${userCount} ${userCount === 1 ? 'user holds' : 'users hold'} "${role.name}"` : null,
        invitationCount > 0 ? `${invitationCount} pending ${invitationCount === 1 ? 'invitation names' : 'invitations name'} it` : null,
      ].filter(Boolean);
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
