import type { Snapshot, SnapshotListItem, SnapshotReport } from '../../../contracts/access-reviews.js';
import type { PageQuery } from '../../../contracts/common.js';
import { isPrivilegedPermission, isPrivilegedSet, PERMISSIONS } from '../../../contracts/permissions.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { readDbOf } from '../../platform/read-routing.js';
import { listRoleRowsOf, rolePermissions } from '../roles/index.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import {
  activeUsersWithRoles,
  findSnapshot,
  insertSnapshot,
  listSnapshotRows,
  openInvitations,
  tokensOf,
  usersWithPasskeys,
} from './access-reviews.repository.js';
import type { SnapshotRow } from './access-reviews.table.js';

const DAY = 86_400_000;

/**
 * What the report says about overrides: the product grants permissions only through roles, so there
 * is no per-user exception an auditor would have to look for elsewhere.
 */
const OVERRIDES = {
  supported: false,
  note: 'Permissions are granted only through roles: this product has no per-user permission overrides, so the role holders below are complete.',
};

/** Builds the report of the organization's privileged access as it is now. */
export async function buildReport(ctx: RequestContext & { actor: Actor }, dormantDays: number): Promise<SnapshotReport> {
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const nowText = now.toISOString();
  const roles = await listRoleRowsOf(db, ctx.organizationId);
  const privilegedRoles = roles.filter((r) => isPrivilegedSet(rolePermissions(r)));
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const holders = await activeUsersWithRoles(
    db,
    ctx.organizationId,
    privilegedRoles.map((r) => r.id),
  );
  const person = (u: (typeof holders)[number]) => ({ userId: u.id, name: u.name, email: u.email, role: roleById.get(u.role_id)!.name });
  const privilegedAccess = PERMISSIONS.filter((p) => isPrivilegedPermission(p.key)).map((p) => ({
    permission: p.key,
    label: p.label,
    holders: holders.filter((u) => rolePermissions(roleById.get(u.role_id)!).includes(p.key)).map(person),
  }));
  const withPasskey = await usersWithPasskeys(
    db,
    ctx.organizationId,
    holders.map((u) => u.id),
  );
  const cutoff = new Date(now.getTime() - dormantDays * DAY).toISOString();
  const lastActive = (u: (typeof holders)[number]) =>
    [u.last_active_at, u.last_sign_in_at]
      .filter((x): x is string => !!x)
      .sort()
      .pop() ?? null;
  const [invitations, tokens] = await Promise.all([openInvitations(db, ctx.organizationId), tokensOf(db, ctx.organizationId)]);
  return {
    generatedAt: nowText,
    generatedBy: `${ctx.actor.name} <${ctx.actor.email}>`,
    dormantDays,
    privilegedAccess,
    overrides: OVERRIDES,
    invitations: invitations.map((i) => ({
      ...i,
      invitedBy: i.invitedBy ?? null,
      status: i.expiresAt <= nowText ? ('expired' as const) : ('pending' as const),
    })),
    passkeyGaps: holders
      .filter((u) => !withPasskey.has(u.id))
      .map((u) => ({ ...person(u), roleRequiresPasskey: roleById.get(u.role_id)!.require_passkey_enrollment === 1 })),
    dormant: holders.filter((u) => (lastActive(u) ?? '') < cutoff).map((u) => ({ ...person(u), lastActiveAt: lastActive(u) })),
    tokens,
  };
}

function summaryOf(report: SnapshotReport): SnapshotListItem['summary'] {
  return {
    privilegedUsers: new Set(report.privilegedAccess.flatMap((p) => p.holders.map((h) => h.userId))).size,
    pendingInvitations: report.invitations.filter((i) => i.status === 'pending').length,
    expiredInvitations: report.invitations.filter((i) => i.status === 'expired').length,
    passkeyGaps: report.passkeyGaps.length,
    dormantPrivileged: report.dormant.length,
    activeTokens: report.tokens.filter((t) => !t.revokedAt).length,
  };
}

function toListItem(row: Pick<SnapshotRow, 'id' | 'created_at' | 'created_by_label' | 'dormant_days' | 'summary'>): SnapshotListItem {
  return {
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by_label,
    dormantDays: row.dormant_days,
    summary: JSON.parse(row.summary) as SnapshotListItem['summary'],
  };
}

/** "Generate Snapshot": the report, stored once and audited in the same transaction. */
export async function generateSnapshot(ctx: RequestContext & { actor: Actor }, dormantDays: number): Promise<Snapshot> {
  const report = await buildReport(ctx, dormantDays);
  const summary = summaryOf(report);
  const row: SnapshotRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    created_by: ctx.actor.userId,
    created_by_label: report.generatedBy,
    dormant_days: dormantDays,
    summary: JSON.stringify(summary),
    report: JSON.stringify(report),
    created_at: nowIso(ctx.deps),
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await insertSnapshot(trx, row);
    await recordAudit(trx, ctx, {
      action: 'access_review.snapshot_generated',
      category: 'admin',
      risk: 'low',
      subject: { type: 'access_review_snapshot', id: row.id, label: `Snapshot ${row.created_at}` },
      after: { dormantDays, summary },
    });
  });
  return { ...toListItem(row), report };
}

/** One page of stored snapshots, newest first. */
export async function listSnapshots(ctx: RequestContext, query: PageQuery): Promise<{ items: SnapshotListItem[]; nextCursor: string | null }> {
  const limit = limitOf(query);
  const before = decodeCursor(query.cursor, 2);
  const rows = await listSnapshotRows(await readDbOf(ctx), ctx.organizationId, before && { createdAt: before[0], id: before[1] }, limit);
  const page = pageOf(rows, limit, (row) => [row.created_at, row.id]);
  return { items: page.rows.map(toListItem), nextCursor: page.nextCursor };
}

export async function getSnapshot(ctx: RequestContext, id: string): Promise<Snapshot> {
  const row = await findSnapshot(await readDbOf(ctx), ctx.organizationId, id);
  if (!row) throw fail(ACCESS_REVIEWS_ERRORS, 'SNAPSHOT_NOT_FOUND', { id });
  return { ...toListItem(row), report: JSON.parse(row.report) as SnapshotReport };
}
