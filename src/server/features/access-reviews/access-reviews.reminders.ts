import type { Deps } from '../../platform/deps.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';

const DAY = 86_400_000;
/** Reviewers with undecided items hear once, this long before the due date. */
export const REMINDER_LEAD_MS = 3 * DAY;
const CAMPAIGNS_PER_ROUND = 50;
const REVIEWERS_PER_CAMPAIGN = 500;

/** The reviewers of a campaign who still have undecided items: the assigned ones, and the reviewer role's holders for its pool. */
async function pendingReviewers(deps: Deps, campaign: { id: string; organization_id: string; reviewer_role_id: string | null }) {
  const db = deps.db;
  const assigned = await db
    .selectFrom('access_review_items')
    .select('reviewer_user_id')
    .distinct()
    .where('campaign_id', '=', campaign.id)
    .where('decision', 'is', null)
    .where('reviewer_user_id', 'is not', null)
    .limit(REVIEWERS_PER_CAMPAIGN)
    .execute();
  const ids = new Set(assigned.map((r) => r.reviewer_user_id!));
  const pool = await db
    .selectFrom('access_review_items')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .where('decision', 'is', null)
    .where('reviewer_user_id', 'is', null)
    .limit(1)
    .executeTakeFirst();
  let q = db.selectFrom('users').select(['id', 'name', 'email']).where('organization_id', '=', campaign.organization_id).where('status', '=', 'active');
  q = q.where((eb) =>
    eb.or([eb('id', 'in', ids.size ? [...ids] : ['']), ...(pool && campaign.reviewer_role_id ? [eb('role_id', '=', campaign.reviewer_role_id)] : [])]),
  );
  return q.orderBy('id').limit(REVIEWERS_PER_CAMPAIGN).execute();
}

/**
 * One round of reminders: open campaigns due within the lead time, each reviewer with undecided items
 * mailed once per campaign. The reminder row and the mail commit together, and the row's primary key
 * makes a second process (or a second round) skip it: bounded and idempotent.
 */
export async function sendDueReminders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const campaigns = await deps.db
    .selectFrom('access_review_campaigns')
    .select(['id', 'organization_id', 'name', 'due_at', 'reviewer_role_id'])
    .where('status', '=', 'open')
    .where('due_at', '>', now.toISOString())
    .where('due_at', '<=', new Date(now.getTime() + REMINDER_LEAD_MS).toISOString())
    .orderBy('due_at')
    .limit(CAMPAIGNS_PER_ROUND)
    .execute();
  let sent = 0;
  for (const campaign of campaigns) {
    const reviewers = await pendingReviewers(deps, campaign);
    for (const reviewer of reviewers) {
      sent += await deps.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('access_review_reminders')
          .values({ campaign_id: campaign.id, reviewer_user_id: reviewer.id, organization_id: campaign.organization_id, sent_at: now.toISOString() })
          .onConflict((oc) => oc.columns(['campaign_id', 'reviewer_user_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 0;
        await enqueueMail(trx, deps, {
          organizationId: campaign.organization_id,
          to: reviewer.email,
          subject: `Reminder: access review "${campaign.name}" is due ${campaign.due_at.slice(0, 10)}`,
          text: [
            `Hello ${reviewer.name},`,
            '',
            `You have access still to review in the campaign "${campaign.name}", due ${campaign.due_at.slice(0, 10)}.`,
            `Open ${deps.config.publicUrl}/account/reviews to Keep or Revoke each grant with a reason.`,
            'Items left unreviewed when the campaign closes may be revoked.',
          ].join('\n'),
        });
        return 1;
      });
    }
  }
  return sent;
}
