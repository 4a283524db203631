// The user page: the user and everything the page shows about them, read in one statement.
import { PostgresAdapter, sql } from 'kysely';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { UserDetail } from '../../../contracts/users.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayValue, jsonObjectOf, jsonObjectValue } from '../../db/json-array.js';
import { preparedQuery } from '../../db/prepared.js';
import type { RequestContext } from '../../platform/deps.js';
import { deviceLabel } from '../../platform/device.js';
import { fail } from '../../platform/errors.js';
import { readDbOf } from '../../platform/read-routing.js';
import { activeSessionsColumn } from '../auth/index.js';
import { ownedCountsFrom, ownershipColumns } from '../ownership/index.js';
import { passkeyCountsColumn, passkeyKinds, passkeySummaryFrom } from '../passkeys/index.js';
import { rolePermissions, type RoleRow } from '../roles/index.js';
import { usageSummaryJsonColumn, usageSummaryValue, usageWindowStart } from '../usage/index.js';
import { userWorkspacesFrom, workspaceReachColumn } from '../workspaces/index.js';
import { buildChecklist } from './users.checklist.js';
import { USERS_ERRORS } from './users.errors.js';
import { userRowToSummary } from './users.list.js';
import { groupsColumn } from './users.repository.js';

const ROLE_COLUMNS = [
  'roles.id',
  'roles.organization_id',
  'roles.system_key',
  'roles.name',
  'roles.name_normalized',
  'roles.description',
  'roles.permissions',
  'roles.require_passkey_enrollment',
  'roles.require_passkey_after_magic_link',
  'roles.require_passkey_after_sso',
  'roles.idle_logout_minutes',
  'roles.owner_user_id',
  'roles.version',
  'roles.created_at',
  'roles.updated_at',
] as const;

/**
 * The user row with their role, groups, usage, inviter, latest invitation, open sessions, owned items,
 * seats, passkeys and Workspaces as columns (JSON on both databases: one statement instead of twelve).
 * Built and compiled once per dialect (preparedQuery), so a request only binds its values.
 */
const userDetailRow = preparedQuery(['organizationId', 'userId', 'now', 'usageFrom'], (db, v) => {
  const dialect: Dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  const target = { organizationId: v.organizationId, userIdColumn: 'users.id' };
  const ownership = ownershipColumns(db, dialect, target);
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select([
      'organizations.require_passkeys_privileged',
      'organizations.require_passkeys_all',
      jsonObjectOf(
        dialect,
        db
          .selectFrom('roles')
          .select(ROLE_COLUMNS)
          .where(sql<boolean>`roles.id = users.role_id`),
      ).as('role'),
      groupsColumn(db, { organizationId: v.organizationId, dialect }, 'users.id').as('groups'),
      usageSummaryJsonColumn(db, dialect, { ...target, fromDay: v.usageFrom }).as('usage'),
      jsonObjectOf(
        dialect,
        db
          .selectFrom('users as inviter')
          .select(['inviter.id', 'inviter.name'])
          .where('inviter.organization_id', '=', v.organizationId)
          .where(sql<boolean>`inviter.id = users.invited_by`),
      ).as('inviter'),
      // The invitation that brought the user in (or is still pending).
      jsonObjectOf(
        dialect,
        db
          .selectFrom('invitations')
          .select(['invitations.id', 'invitations.status', 'invitations.expires_at'])
          .where('invitations.organization_id', '=', v.organizationId)
          .where(sql<boolean>`invitations.user_id = users.id`)
          .orderBy('invitations.created_at', 'desc')
          .limit(1),
      ).as('invitation'),
      activeSessionsColumn(db, dialect, { ...target, now: v.now }).as('sessions'),
      ownership.owned.as('owned'),
      ownership.seats.as('seats'),
      passkeyCountsColumn(db, dialect, target).as('passkeys'),
      workspaceReachColumn(db, dialect, target).as('workspaces'),
    ])
    .where('users.organization_id', '=', v.organizationId)
    .where('users.id', '=', v.userId);
});

export async function getUserDetail(ctx: RequestContext, userId: string): Promise<UserDetail> {
  const db: DbOrTrx = await readDbOf(ctx);
  const now = ctx.deps.clock();
  const nowText = now.toISOString();
  const [row] = await userDetailRow(db, { organizationId: ctx.organizationId, userId, now: nowText, usageFrom: usageWindowStart(now) });
  if (!row) throw fail(USERS_ERRORS, 'USER_NOT_FOUND', { userId });
  const role = jsonObjectValue(row.role) as RoleRow;
  const groups = jsonArrayValue(row.groups);
  const inviter = jsonObjectValue(row.inviter);
  const invitation = jsonObjectValue(row.invitation);
  const workspaces = userWorkspacesFrom(row.workspaces);
  const passkeys = passkeySummaryFrom({ role, organization: row }, row.passkey_recovery_until, passkeyKinds(jsonArrayValue(row.passkeys)), nowText);
  const pendingInvitation = invitation
    ? {
        id: invitation.id,
        status: invitation.status === 'pending' && invitation.expires_at <= nowText ? 'expired' : invitation.status,
        expiresAt: invitation.expires_at,
      }
    : null;
  return {
    ...userRowToSummary(row, role.name, groups),
    usage: usageSummaryValue(row.usage),
    version: row.version,
    invitedBy: inviter ? { id: inviter.id, name: inviter.name } : null,
    invitedAt: row.invited_at,
    lastSignInAt: row.last_sign_in_at,
    pendingInvitation,
    rolePrivileged: isPrivilegedSet(rolePermissions(role)),
    sessions: jsonArrayValue(row.sessions).map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
      device: deviceLabel(s.user_agent),
    })),
    passkeys,
    checklist: buildChecklist({ user: row, role, groupCount: groups.length, invitation: pendingInvitation, passkeys, now, workspaces }),
    workspaces,
    ownedContent: ownedCountsFrom(jsonArrayValue(row.owned)),
    collaboratorSeats: Number(row.seats ?? 0),
    restoreUntil: row.status === 'deleted' && row.tombstone ? row.purge_after : null,
  };
}
