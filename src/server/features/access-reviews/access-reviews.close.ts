import type { CampaignDetail } from '../../../contracts/access-reviews.js';
import { requireConditional } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import type { DbOrTrx } from '../../db/database.js';
import { assignRole, requireUser } from '../users/index.js';
import { listRoleRowsOf, lockOrganizationForAccessChange, rolePermissions, type RoleRow } from '../roles/index.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import { campaignDetail, requireCampaign } from './access-reviews.campaigns.js';
import { itemsOfCampaign } from './access-reviews.repository.js';
import type { CampaignRow, ItemRow } from './access-reviews.table.js';

type Ctx = RequestContext & { actor: Actor };
type Outcome = Pick<ItemRow, 'outcome' | 'outcome_message'>;

/**
 * What "revoke" means: the user moves to the organization's narrowest role, the one with the fewest
 * permissions (Viewer unless the organization changed it). Their account, groups, Workspaces and
 * content stay as they are; deactivation remains a separate, deliberate step on the user's page.
 */
export function narrowestRole(roles: RoleRow[]): RoleRow {
  return [...roles].sort(
    (a, b) =>
      rolePermissions(a).length - rolePermissions(b).length ||
      Number(b.system_key === 'viewer') - Number(a.system_key === 'viewer') ||
      a.name.localeCompare(b.name),
  )[0];
}

/** Applies one revocation through the users feature's guarded path (grant ceiling, outranking, self, last administrator). */
async function revokeOne(trx: DbOrTrx, ctx: Ctx, campaign: CampaignRow, item: ItemRow, to: RoleRow): Promise<Outcome> {
  const user = await requireUser(trx, ctx.organizationId, item.user_id);
  if (user.role_id !== item.role_id) {
    return {
      outcome: 'unchanged',
      outcome_message: 'Their role changed after the campaign started; the reviewed grant no longer exists, so nothing was applied.',
    };
  }
  if (user.role_id === to.id) return { outcome: 'unchanged', outcome_message: `They already hold ${to.name}, the narrowest role.` };
  const why = item.decision === 'revoke' ? `Revoke: ${item.decision_reason ?? ''}` : 'Left unreviewed; the campaign was closed with "revoke unreviewed".';
  try {
    await assignRole(trx, ctx, user, to.id, `Access review "${campaign.name}". ${why}`);
    return { outcome: 'revoked', outcome_message: `Role changed from ${item.role_name} to ${to.name}.` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return { outcome: 'refused', outcome_message: `${(error as Error).message} (${code})` };
  }
}

/**
 * Closes a campaign: applies each Revoke (and, when asked, revokes what was left unreviewed), records
 * each item's outcome, and audits it all in one transaction. A guardrail that refuses a revocation
 * (the last administrator, someone who outranks the closer) leaves that user as they were and says why.
 */
export async function closeCampaign(ctx: Ctx, id: string, body: { revokeUnreviewed: boolean; reason?: string }): Promise<CampaignDetail> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const campaign = await requireCampaign(trx, ctx.organizationId, id);
    if (campaign.status !== 'open') throw fail(ACCESS_REVIEWS_ERRORS, 'CAMPAIGN_CLOSED');
    const items = await itemsOfCampaign(trx, ctx.organizationId, id);
    const revoking = (i: ItemRow) => i.decision === 'revoke' || (body.revokeUnreviewed && i.decision === null);
    if (items.some(revoking)) requireConditional(ctx, 'applyRevocations');
    const to = narrowestRole(await listRoleRowsOf(trx, ctx.organizationId));
    const now = nowIso(ctx.deps);
    const tally: Record<string, number> = {};
    for (const item of items) {
      const outcome: Outcome = revoking(item)
        ? await revokeOne(trx, ctx, campaign, item, to)
        : item.decision === 'keep'
          ? { outcome: 'kept', outcome_message: null }
          : { outcome: 'unreviewed', outcome_message: 'Nobody decided before the campaign closed; access left as it was.' };
      tally[outcome.outcome!] = (tally[outcome.outcome!] ?? 0) + 1;
      await trx
        .updateTable('access_review_items')
        .set({ ...outcome, applied_at: now })
        .where('organization_id', '=', ctx.organizationId)
        .where('id', '=', item.id)
        .execute();
    }
    await trx
      .updateTable('access_review_campaigns')
      .set({ status: 'closed', closed_by: ctx.actor.userId, closed_at: now, revoke_unreviewed: body.revokeUnreviewed ? 1 : 0, revoke_role_id: to.id })
      .where('organization_id', '=', ctx.organizationId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'access_review.campaign_closed',
      category: 'access',
      risk: (tally.revoked ?? 0) > 0 ? 'high' : 'low',
      subject: { type: 'access_review_campaign', id, label: campaign.name },
      reason: body.reason ?? null,
      before: { status: 'open' },
      after: { status: 'closed', revokeUnreviewed: body.revokeUnreviewed, revokedTo: { id: to.id, name: to.name }, outcomes: tally },
    });
  });
  return campaignDetail(ctx, id);
}
