// "Help me choose": the narrowest role that covers what a new person needs.
import type { RecommendRoleBody, RoleChoice, RoleRecommendation } from '../../../contracts/roles.js';
import { isPrivilegedPermission } from '../../../contracts/permissions.js';
import { listRoleRows } from './roles.repository.js';
import { type Ctx, rolePermissions, normalizePermissions } from './roles.service.js';

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
    alternatives: candidates
      .filter((c) => c !== best)
      .slice(0, 5)
      .map((c) => toChoice(c, false)),
    required,
  };
}
