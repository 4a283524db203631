import type { PageQuery } from '../../../contracts/common.js';
import type { PermissionRef, Role, RoleList } from '../../../contracts/roles.js';
import { DEFAULT_ROLE_KEY, isPermissionKey, isPrivilegedSet, PERMISSIONS, SYSTEM_ROLES } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { ROLES_ERRORS } from './roles.errors.js';
import {
  countUsersByRole,
  countUsersWithRole,
  findRoleById,
  findRoleBySystemKey,
  insertRole,
  listRoleRows,
  listRoleRowsPage,
  userNames,
} from './roles.repository.js';
import type { RoleRow } from './roles.table.js';

export type Ctx = RequestContext & { actor: Actor };

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
      requirePasskeyAfterSso: row.require_passkey_after_sso === 1,
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

/** One page of the organization's roles (system roles first, then by name) with their holders count. */
export async function listRoles(ctx: RequestContext, query: PageQuery): Promise<RoleList> {
  const { db } = ctx.deps;
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 3);
  const key = after && { custom: after[0] === '1' ? (1 as const) : (0 as const), name: after[1], id: after[2] };
  const [rows, counts] = await Promise.all([listRoleRowsPage(db, ctx.organizationId, key, limit), countUsersByRole(db, ctx.organizationId)]);
  const page = pageOf(rows, limit, (row) => [row.system_key === null ? '1' : '0', row.name, row.id]);
  const owners = await userNames(
    db,
    ctx.organizationId,
    page.rows.map((r) => r.owner_user_id).filter((id): id is string => id !== null),
  );
  return { items: page.rows.map((row) => roleRowToRole(row, counts.get(row.id) ?? 0, ownerOf(row, owners))), nextCursor: page.nextCursor };
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
  const [count, owners] = await Promise.all([
    countUsersWithRole(db, ctx.organizationId, roleId),
    userNames(db, ctx.organizationId, row.owner_user_id ? [row.owner_user_id] : []),
  ]);
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

export function permissionRef(key: string): PermissionRef {
  const p = PERMISSIONS.find((d) => d.key === key)!;
  return { key: p.key, label: p.label, category: p.category, privileged: p.privileged };
}
