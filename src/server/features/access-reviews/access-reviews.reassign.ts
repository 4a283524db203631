import type { ReassignReviewerBody, ReassignReviewerResult } from '../../../contracts/access-reviews.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { lockOrganizationForAccessChange } from '../roles/index.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import { requireCampaign } from './access-reviews.campaigns.js';
import { itemsOfCampaign, userNamesOf } from './access-reviews.repository.js';
import { blockedFor } from './access-reviews.rules.js';
import type { ItemRow } from './access-reviews.table.js';

type Ctx = RequestContext & { actor: Actor };

/**
 * Reassigns a reviewer's open (undecided) items in an open campaign to another active person, or hands
 * the reviewer role's unassigned pool (`fromUserId` null) to one person. The independence rules hold:
 * an item that is the new reviewer's own access, or a grant they made, stays with its reviewer and is
 * listed with why. Decided items keep their reviewer of record. One audit event, in the same transaction.
 */
export async function reassignReviewer(ctx: Ctx, campaignId: string, body: ReassignReviewerBody): Promise<ReassignReviewerResult> {
  const reason = body.reason.trim();
  if (!reason) throw fail(ACCESS_REVIEWS_ERRORS, 'REASON_REQUIRED', undefined, 'Give a reason for the reassignment.');
  if (body.fromUserId === body.toUserId) throw fail(ACCESS_REVIEWS_ERRORS, 'REASSIGN_SAME_REVIEWER');
  return ctx.deps.db.transaction().execute(async (trx) => {
    // Ordered with closing the campaign (and with role changes): a campaign is never closed mid-reassignment.
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const campaign = await requireCampaign(trx, ctx.organizationId, campaignId);
    if (campaign.status !== 'open') throw fail(ACCESS_REVIEWS_ERRORS, 'CAMPAIGN_CLOSED');
    const people = await userNamesOf(trx, ctx.organizationId, [body.toUserId, ...(body.fromUserId ? [body.fromUserId] : [])]);
    const to = people.find((p) => p.id === body.toUserId);
    if (!to || to.status !== 'active') throw fail(ACCESS_REVIEWS_ERRORS, 'REVIEWER_NOT_FOUND', { userId: body.toUserId });
    const from = body.fromUserId ? people.find((p) => p.id === body.fromUserId) : null;
    const open = (await itemsOfCampaign(trx, ctx.organizationId, campaignId)).filter(
      (i) => i.decision === null && i.reviewer_user_id === (body.fromUserId ?? null),
    );
    if (open.length === 0) throw fail(ACCESS_REVIEWS_ERRORS, 'NOTHING_TO_REASSIGN');
    const skipped: ReassignReviewerResult['skipped'] = [];
    const moving: ItemRow[] = [];
    for (const item of open) {
      const blocked = blockedFor(item, to.id);
      if (blocked) skipped.push({ itemId: item.id, userEmail: item.user_email, code: blocked.code, message: reassignMessage(blocked.code, to.name, item) });
      else moving.push(item);
    }
    for (let i = 0; i < moving.length; i += 500) {
      await trx
        .updateTable('access_review_items')
        .set({ reviewer_user_id: to.id })
        .where('organization_id', '=', ctx.organizationId)
        .where('campaign_id', '=', campaignId)
        .where('decision', 'is', null)
        .where(
          'id',
          'in',
          moving.slice(i, i + 500).map((it) => it.id),
        )
        .execute();
    }
    if (moving.length > 0)
      await recordAudit(trx, ctx, {
        action: 'access_review.reviewer_reassigned',
        category: 'access',
        risk: 'medium',
        subject: { type: 'access_review_campaign', id: campaign.id, label: campaign.name },
        reason,
        before: { reviewer: from ? { id: from.id, name: from.name } : 'unassigned (reviewer role pool)', users: moving.slice(0, 100).map((i) => i.user_email) },
        after: { reviewer: { id: to.id, name: to.name }, items: moving.length, left: skipped.map((s) => s.userEmail) },
      });
    return { reassigned: moving.length, skipped };
  });
}

function reassignMessage(code: string, name: string, item: ItemRow): string {
  if (code === 'SELF_REVIEW') return `${item.user_email} is ${name}'s own access: nobody reviews their own access, so it stays with its reviewer.`;
  return `${name} gave ${item.user_name} the role ${item.role_name}, so ${name} cannot certify it: it stays with its reviewer.`;
}
