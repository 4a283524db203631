import type { Role } from '../../../contracts/roles.js';
import { isPrivilegedSet, SYSTEM_ROLES } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { ROLES_ERRORS } from './roles.errors.js';
import { countUsersByRole, findRoleById, insertRole, listRoleRows } from './roles.repository.js';
import type { RoleRow } from './roles.table.js';

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
  return rows.map((row) => roleRowToRole(row, counts.get(row.id) ?? 0));
}

/** The role, or ROLE_NOT_FOUND: ids from another organization are indistinguishable from unknown ones. */
export async function requireRole(db: DbOrTrx, organizationId: string, roleId: string): Promise<RoleRow> {
  const row = await findRoleById(db, organizationId, roleId);
  if (!row) throw fail(ROLES_ERRORS, 'ROLE_NOT_FOUND', { roleId });
  return row;
}
