import type { DecideBody, DecideResult, ReviewItem } from '../../../contracts/access-reviews.js';
import type { PageQuery } from '../../../contracts/common.js';
import { recordAudits, type AuditInput } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import { toReviewItems } from './access-reviews.campaigns.js';
import { decisionRefusal } from './access-reviews.rules.js';
import type { CampaignRow, ItemRow } from './access-reviews.table.js';

type Ctx = RequestContext & { actor: Actor };

/**
 * One page of the items of open campaigns the signed-in person reviews (assigned, or in their role's
 * pool), own access included so the reason shows; ordered by campaign, user email and id.
 */
export async function myReviewItems(ctx: Ctx, query: PageQuery): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 3);
  const db = ctx.deps.db;
  const campaigns = await db
    .selectFrom('access_review_campaigns')
    .selectAll()
    .where('organization_id', '=', ctx.organizationId)
    .where('status', '=', 'open')
    .execute();
  if (campaigns.length === 0) return { items: [], nextCursor: null };
  const poolCampaigns = campaigns.filter((c) => c.reviewer_mode === 'role_holders' && c.reviewer_role_id === ctx.actor.roleId).map((c) => c.id);
  let q = db
    .selectFrom('access_review_items')
    .selectAll()
    .where('organization_id', '=', ctx.organizationId)
    .where(
      'campaign_id',
      'in',
      campaigns.map((c) => c.id),
    )
    .where((eb) =>
      eb.or([
        eb('reviewer_user_id', '=', ctx.actor.userId),
        ...(poolCampaigns.length ? [eb.and([eb('reviewer_user_id', 'is', null), eb('campaign_id', 'in', poolCampaigns)])] : []),
      ]),
    );
  if (after) {
    const [campaignId, email, id] = after;
    q = q.where((eb) =>
      eb.or([
        eb('campaign_id', '>', campaignId),
        eb.and([eb('campaign_id', '=', campaignId), eb('user_email', '>', email)]),
        eb.and([eb('campaign_id', '=', campaignId), eb('user_email', '=', email), eb('id', '>', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('campaign_id')
    .orderBy('user_email')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (row) => [row.campaign_id, row.user_email, row.id]);
  return { items: await toReviewItems(db, new Map(campaigns.map((c) => [c.id, c])), page.rows, ctx.actor), nextCursor: page.nextCursor };
}

async function loadItems(ctx: Ctx, ids: string[]) {
  const db = ctx.deps.db;
  const items = await db.selectFrom('access_review_items').selectAll().where('organization_id', '=', ctx.organizationId).where('id', 'in', ids).execute();
  const campaignIds = [...new Set(items.map((i) => i.campaign_id))];
  const campaigns = campaignIds.length
    ? await db.selectFrom('access_review_campaigns').selectAll().where('organization_id', '=', ctx.organizationId).where('id', 'in', campaignIds).execute()
    : [];
  return { items, campaigns: new Map(campaigns.map((c) => [c.id, c])) };
}

function decisionAudit(item: ItemRow, campaign: CampaignRow, decision: 'keep' | 'revoke', reason: string): AuditInput {
  return {
    action: 'access_review.decision',
    category: 'access',
    risk: decision === 'revoke' ? 'medium' : 'low',
    subject: { type: 'user', id: item.user_id, label: item.user_email },
    reason,
    before: { decision: item.decision },
    after: { decision, campaign: { id: campaign.id, name: campaign.name }, role: { id: item.role_id, name: item.role_name } },
  };
}

/**
 * Records Keep or Revoke with a reason on one or many items; each refused item says why (own access,
 * a grant the reviewer made, not theirs, campaign closed). One item refused alone fails the request.
 */
export async function decide(ctx: Ctx, body: DecideBody): Promise<DecideResult> {
  const reason = body.reason.trim();
  if (!reason) throw fail(ACCESS_REVIEWS_ERRORS, 'REASON_REQUIRED');
  const ids = [...new Set(body.itemIds)];
  return ctx.deps.db.transaction().execute(async (trx) => {
    const { items, campaigns } = await loadItems(ctx, ids);
    const found = new Set(items.map((i) => i.id));
    const refused: DecideResult['refused'] = ids
      .filter((id) => !found.has(id))
      .map((itemId) => ({ itemId, userEmail: '', code: 'ITEM_NOT_FOUND', message: ACCESS_REVIEWS_ERRORS.ITEM_NOT_FOUND.message }));
    const accepted: ItemRow[] = [];
    for (const item of items) {
      const refusal = decisionRefusal(item, campaigns.get(item.campaign_id)!, ctx.actor, body.decision);
      if (refusal) refused.push({ itemId: item.id, userEmail: item.user_email, code: refusal.code, message: refusal.message });
      else accepted.push(item);
    }
    if (ids.length === 1 && refused.length === 1) {
      const only = refused[0];
      const code = only.code as keyof typeof ACCESS_REVIEWS_ERRORS;
      throw fail(ACCESS_REVIEWS_ERRORS, code, { itemId: only.itemId }, only.message);
    }
    const now = nowIso(ctx.deps);
    const label = `${ctx.actor.name} <${ctx.actor.email}>`;
    for (let i = 0; i < accepted.length; i += 500) {
      await trx
        .updateTable('access_review_items')
        .set({ decision: body.decision, decision_reason: reason, decided_by: ctx.actor.userId, decided_by_label: label, decided_at: now })
        .where('organization_id', '=', ctx.organizationId)
        .where(
          'id',
          'in',
          accepted.slice(i, i + 500).map((it) => it.id),
        )
        .execute();
    }
    await recordAudits(
      trx,
      ctx,
      accepted.map((item) => decisionAudit(item, campaigns.get(item.campaign_id)!, body.decision, reason)),
    );
    return { decided: accepted.length, refused };
  });
}
