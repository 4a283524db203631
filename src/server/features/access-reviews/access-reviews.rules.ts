import { fail } from '../../platform/errors.js';
import type { AppError } from '../../platform/errors.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import type { CampaignRow, ItemRow } from './access-reviews.table.js';

/**
 * The reviewer rules, in one place: who may decide an item, and why someone may not. Nobody reviews
 * their own access; nobody certifies (keeps) a grant they made themselves.
 */
export function blockedFor(item: ItemRow, viewerId: string): { code: string; message: string; keepOnly: boolean } | null {
  if (item.user_id === viewerId) {
    return {
      code: 'SELF_REVIEW',
      message: `This is your own access (${item.role_name}). Nobody reviews their own access: another reviewer must decide.`,
      keepOnly: false,
    };
  }
  if (item.granted_by && item.granted_by === viewerId) {
    const when = item.granted_at ? ` on ${item.granted_at.slice(0, 10)}` : '';
    return {
      code: 'CERTIFIER_NOT_INDEPENDENT',
      message: `You gave ${item.user_name} the role ${item.role_name}${when}, so you cannot certify it: an independent reviewer must decide to keep it. You may still revoke it.`,
      keepOnly: true,
    };
  }
  return null;
}

/** Whether `viewer` is a reviewer of the item: assigned to it, or holding the campaign's reviewer role when the item is in the pool. */
export function isReviewerOf(item: ItemRow, campaign: CampaignRow, viewer: { userId: string; roleId: string }): boolean {
  if (item.reviewer_user_id) return item.reviewer_user_id === viewer.userId;
  return campaign.reviewer_mode === 'role_holders' && campaign.reviewer_role_id === viewer.roleId;
}

/** The refusal of `decision` on `item` by `viewer`, or null when it may be recorded. */
export function decisionRefusal(
  item: ItemRow,
  campaign: CampaignRow,
  viewer: { userId: string; roleId: string },
  decision: 'keep' | 'revoke',
): AppError | null {
  if (campaign.status !== 'open') return fail(ACCESS_REVIEWS_ERRORS, 'CAMPAIGN_CLOSED');
  const blocked = blockedFor(item, viewer.userId);
  if (blocked && (!blocked.keepOnly || decision === 'keep')) return fail(ACCESS_REVIEWS_ERRORS, blocked.code as 'SELF_REVIEW', undefined, blocked.message);
  if (!isReviewerOf(item, campaign, viewer)) return fail(ACCESS_REVIEWS_ERRORS, 'NOT_YOUR_REVIEW');
  return null;
}
