import type { Campaign, CampaignDetail, CreateCampaignBody, ItemContext, ReviewItem } from '../../../contracts/access-reviews.js';
import type { PageQuery } from '../../../contracts/common.js';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { readDbOf } from '../../platform/read-routing.js';
import { ownedCounts } from '../ownership/index.js';
import { findRole, listRoleRowsOf, rolePermissions, type RoleRow } from '../roles/index.js';
import { usageSummariesOf } from '../usage/index.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import {
  findCampaign,
  grantsOf,
  groupNamesOf,
  insertItems,
  itemCounts,
  itemsOfCampaign,
  listCampaignRows,
  managersOf,
  scopeName,
  userNamesOf,
  usersInScope,
  type PersonRow,
} from './access-reviews.repository.js';
import type { CampaignRow, ItemRow } from './access-reviews.table.js';
import { blockedFor, isReviewerOf } from './access-reviews.rules.js';

const MAX_ITEMS = 5000;
type Ctx = RequestContext & { actor: Actor };

/** A date alone ("2026-12-15") means the end of that day (UTC). */
function parseDue(text: string, now: Date): string {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59.999Z` : text);
  if (Number.isNaN(at) || at <= now.getTime()) throw fail(ACCESS_REVIEWS_ERRORS, 'DUE_DATE_PAST', { dueAt: text });
  return new Date(at).toISOString();
}

async function resolveScope(db: DbOrTrx, organizationId: string, scope: CreateCampaignBody['scope'], roles: RoleRow[]) {
  if (scope.type === 'all') return { type: 'all', id: null, label: 'All active users' };
  if (scope.type === 'privileged') {
    const roleIds = roles.filter((r) => isPrivilegedSet(rolePermissions(r))).map((r) => r.id);
    return { type: 'privileged', id: null, label: 'Privileged users', roleIds };
  }
  if (!scope.id) throw fail(ACCESS_REVIEWS_ERRORS, 'SCOPE_ID_REQUIRED');
  const label = scope.type === 'role' ? roles.find((r) => r.id === scope.id)?.name : await scopeName(db, organizationId, scope.type, scope.id);
  if (!label) throw fail(ACCESS_REVIEWS_ERRORS, 'SCOPE_NOT_FOUND', { scope });
  const kind = { role: 'Role', group: 'Group', workspace: 'Workspace' }[scope.type];
  return { type: scope.type, id: scope.id, label: `${kind} "${label}"` };
}

async function activeUser(db: DbOrTrx, organizationId: string, id: string) {
  const [user] = await userNamesOf(db, organizationId, [id]);
  if (!user || user.status !== 'active') throw fail(ACCESS_REVIEWS_ERRORS, 'REVIEWER_NOT_FOUND', { userId: id });
  return user;
}

async function resolveReviewers(db: DbOrTrx, ctx: Ctx, reviewers: CreateCampaignBody['reviewers']) {
  const fallback = reviewers.fallbackUserId ? (await activeUser(db, ctx.organizationId, reviewers.fallbackUserId)).id : ctx.actor.userId;
  if (reviewers.mode === 'user') {
    if (!reviewers.userId) throw fail(ACCESS_REVIEWS_ERRORS, 'REVIEWER_REQUIRED');
    return { mode: 'user' as const, userId: (await activeUser(db, ctx.organizationId, reviewers.userId)).id, roleId: null, fallback };
  }
  if (reviewers.mode === 'role_holders') {
    if (!reviewers.roleId) throw fail(ACCESS_REVIEWS_ERRORS, 'REVIEWER_REQUIRED');
    const role = await findRole(db, ctx.organizationId, reviewers.roleId);
    if (!role) throw fail(ACCESS_REVIEWS_ERRORS, 'REVIEWER_NOT_FOUND', { roleId: reviewers.roleId });
    return { mode: 'role_holders' as const, userId: null, roleId: role.id, fallback };
  }
  return { mode: 'manager' as const, userId: null, roleId: null, fallback };
}

/** How many content items each user owns, through the ownership feature's count, 16 users at a time. */
async function ownedTotals(db: DbOrTrx, organizationId: string, userIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < userIds.length; i += 16) {
    const chunk = userIds.slice(i, i + 16);
    const counts = await Promise.all(chunk.map((id) => ownedCounts(db, organizationId, id)));
    chunk.forEach((id, j) =>
      out.set(
        id,
        counts[j].reduce((sum, c) => sum + c.count, 0),
      ),
    );
  }
  return out;
}

/** What each reviewer sees to decide, gathered once when the campaign starts. */
async function itemRows(db: DbOrTrx, ctx: Ctx, campaignId: string, users: PersonRow[], roles: RoleRow[], assign: (u: PersonRow) => string | null) {
  const ids = users.map((u) => u.id);
  const [usage, groups, grants] = await Promise.all([
    usageSummariesOf(db, ctx.organizationId, ids, ctx.deps.clock()),
    groupNamesOf(db, ctx.organizationId, ids),
    grantsOf(db, ctx.organizationId, users),
  ]);
  const owned = await ownedTotals(db, ctx.organizationId, ids);
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const rows: ItemRow[] = [];
  for (const u of users) {
    const permissions = rolePermissions(roleById.get(u.role_id)!);
    const grant = grants.get(u.id);
    rows.push({
      id: ctx.deps.newId(),
      organization_id: ctx.organizationId,
      campaign_id: campaignId,
      user_id: u.id,
      user_email: u.email,
      user_name: u.name,
      role_id: u.role_id,
      role_name: roleById.get(u.role_id)!.name,
      context: JSON.stringify({
        permissions,
        privileged: isPrivilegedSet(permissions),
        status: u.status,
        lastActiveAt: [u.last_active_at, u.last_sign_in_at].filter(Boolean).sort().pop() ?? null,
        events30d: usage.get(u.id)?.events30d ?? 0,
        ownedContent: owned.get(u.id) ?? 0,
        groups: groups.get(u.id) ?? [],
      }),
      granted_by: grant?.by ?? null,
      granted_by_label: grant?.label ?? null,
      granted_at: grant?.at ?? null,
      reviewer_user_id: assign(u),
      ...{ decision: null, decision_reason: null, decided_by: null, decided_by_label: null, decided_at: null },
      ...{ outcome: null, outcome_message: null, applied_at: null },
    });
  }
  return rows;
}

/** Starts a campaign: one item per user in scope, each with its reviewer of record (or the reviewer role's pool). */
export async function startCampaign(ctx: Ctx, body: CreateCampaignBody): Promise<CampaignDetail> {
  const db = ctx.deps.db;
  const dueAt = parseDue(body.dueAt, ctx.deps.clock());
  const roles = await listRoleRowsOf(db, ctx.organizationId);
  const scope = await resolveScope(db, ctx.organizationId, body.scope, roles);
  const reviewers = await resolveReviewers(db, ctx, body.reviewers);
  const users = await usersInScope(db, ctx.organizationId, scope, MAX_ITEMS + 1);
  if (users.length === 0) throw fail(ACCESS_REVIEWS_ERRORS, 'SCOPE_EMPTY');
  if (users.length > MAX_ITEMS) throw fail(ACCESS_REVIEWS_ERRORS, 'SCOPE_TOO_LARGE');
  const managers =
    reviewers.mode === 'manager'
      ? await managersOf(
          db,
          ctx.organizationId,
          users.map((u) => u.id),
        )
      : new Map<string, string>();
  // Nobody reviews their own access: an item that would go to its own subject goes to the fallback reviewer.
  const assign = (u: PersonRow) => {
    if (reviewers.mode === 'role_holders') return null;
    const chosen = reviewers.mode === 'user' ? reviewers.userId : (managers.get(u.id) ?? reviewers.fallback);
    return chosen === u.id ? reviewers.fallback : chosen;
  };
  const id = ctx.deps.newId();
  const items = await itemRows(db, ctx, id, users, roles, assign);
  const row: CampaignRow = {
    id,
    organization_id: ctx.organizationId,
    name: body.name.trim(),
    scope_type: scope.type as CampaignRow['scope_type'],
    scope_id: scope.id,
    scope_label: scope.label,
    reviewer_mode: reviewers.mode,
    reviewer_user_id: reviewers.userId,
    reviewer_role_id: reviewers.roleId,
    due_at: dueAt,
    status: 'open',
    revoke_unreviewed: 0,
    revoke_role_id: null,
    created_by: ctx.actor.userId,
    created_at: nowIso(ctx.deps),
    closed_by: null,
    closed_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('access_review_campaigns').values(row).execute();
    await insertItems(trx, items);
    await recordAudit(trx, ctx, {
      action: 'access_review.campaign_started',
      category: 'access',
      risk: 'low',
      subject: { type: 'access_review_campaign', id, label: row.name },
      after: { scope: scope.label, reviewers: reviewers.mode, dueAt, items: items.length },
    });
  });
  return campaignDetail(ctx, id);
}

export async function reviewerLabel(db: DbOrTrx, row: CampaignRow): Promise<string> {
  if (row.reviewer_mode === 'manager') return "Each user's manager";
  if (row.reviewer_mode === 'user') return `Named reviewer: ${(await userNamesOf(db, row.organization_id, [row.reviewer_user_id!]))[0]?.name ?? 'unknown'}`;
  return `Holders of the role "${(await findRole(db, row.organization_id, row.reviewer_role_id!))?.name ?? 'unknown'}"`;
}

async function toCampaigns(db: DbOrTrx, rows: CampaignRow[]): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const counts = await itemCounts(
    db,
    rows[0].organization_id,
    rows.map((r) => r.id),
  );
  const out: Campaign[] = [];
  for (const row of rows) {
    const of = (decision: string | null) => counts.filter((c) => c.campaign_id === row.id && c.decision === decision).reduce((s, c) => s + Number(c.n), 0);
    const items = counts.filter((c) => c.campaign_id === row.id).reduce((s, c) => s + Number(c.n), 0);
    out.push({
      id: row.id,
      name: row.name,
      scope: { type: row.scope_type, id: row.scope_id, label: row.scope_label },
      reviewers: { mode: row.reviewer_mode, label: await reviewerLabel(db, row) },
      dueAt: row.due_at,
      status: row.status,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      revokeUnreviewed: row.revoke_unreviewed === 1,
      counts: { items, decided: items - of(null), keep: of('keep'), revoke: of('revoke') },
    });
  }
  return out;
}

/** One page of campaigns, newest first, with their progress. */
export async function listCampaigns(ctx: RequestContext, query: PageQuery): Promise<{ items: Campaign[]; nextCursor: string | null }> {
  const db = await readDbOf(ctx);
  const limit = limitOf(query);
  const before = decodeCursor(query.cursor, 2);
  const page = pageOf(await listCampaignRows(db, ctx.organizationId, before && { createdAt: before[0], id: before[1] }, limit), limit, (row) => [
    row.created_at,
    row.id,
  ]);
  return { items: await toCampaigns(db, page.rows), nextCursor: page.nextCursor };
}

export async function requireCampaign(db: DbOrTrx, organizationId: string, id: string): Promise<CampaignRow> {
  const row = await findCampaign(db, organizationId, id);
  if (!row) throw fail(ACCESS_REVIEWS_ERRORS, 'CAMPAIGN_NOT_FOUND', { id });
  return row;
}

/** Items as the API shows them to `viewerId`, with the reviewer's name and why the viewer may not decide. */
export async function toReviewItems(
  db: DbOrTrx,
  campaigns: Map<string, CampaignRow>,
  items: ItemRow[],
  viewer: { userId: string; roleId: string },
): Promise<ReviewItem[]> {
  const reviewerIds = [...new Set(items.map((i) => i.reviewer_user_id).filter((x): x is string => !!x))];
  const names = new Map((await userNamesOf(db, items[0]?.organization_id ?? '', reviewerIds)).map((u) => [u.id, u.name]));
  return items.map((i) => {
    const campaign = campaigns.get(i.campaign_id)!;
    return {
      id: i.id,
      campaignId: i.campaign_id,
      campaignName: campaign.name,
      dueAt: campaign.due_at,
      user: { id: i.user_id, name: i.user_name, email: i.user_email },
      role: { id: i.role_id, name: i.role_name },
      context: JSON.parse(i.context) as ItemContext,
      grantedBy: i.granted_by_label ? { id: i.granted_by, label: i.granted_by_label, at: i.granted_at } : null,
      reviewer: i.reviewer_user_id ? { id: i.reviewer_user_id, name: names.get(i.reviewer_user_id) ?? '' } : null,
      decision: i.decision,
      decisionReason: i.decision_reason,
      decidedBy: i.decided_by_label,
      decidedAt: i.decided_at,
      outcome: i.outcome,
      outcomeMessage: i.outcome_message,
      // Only a reviewer of the item is told why they may not decide it; the campaign's overview is not a review.
      blocked: campaign.status === 'open' && isReviewerOf(i, campaign, viewer) ? blockedFor(i, viewer.userId) : null,
    };
  });
}

export async function campaignDetail(ctx: Ctx, id: string): Promise<CampaignDetail> {
  const db = ctx.deps.db;
  const row = await requireCampaign(db, ctx.organizationId, id);
  const [campaign] = await toCampaigns(db, [row]);
  const items = await itemsOfCampaign(db, ctx.organizationId, id);
  return { ...campaign, items: await toReviewItems(db, new Map([[row.id, row]]), items, ctx.actor) };
}
