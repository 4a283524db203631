import type { CampaignDetail } from '../../../contracts/access-reviews.js';
import { requireConditional } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import type { DbOrTrx } from '../../db/database.js';
import { assignRoles, type UserRow } from '../users/index.js';
import { listRoleRowsOf, lockOrganizationForAccessChange, rolePermissions, type RoleRow } from '../roles/index.js';
import { ACCESS_REVIEWS_ERRORS } from './access-reviews.errors.js';
import { campaignDetail, requireCampaign } from './access-reviews.campaigns.js';
import { itemsOfCampaign, usersByIds } from './access-reviews.repository.js';
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

const CHANGED_SINCE: Outcome = {
  outcome: 'unchanged',
  outcome_message: 'Their role changed after the campaign started; the reviewed grant no longer exists, so nothing was applied.',
};

function reasonFor(campaign: CampaignRow, item: ItemRow): string {
  const why = item.decision === 'revoke' ? `Revoke: ${item.decision_reason ?? ''}` : 'Left unreviewed; the campaign was closed with "revoke unreviewed".';
  return `Access review "${campaign.name}". ${why}`;
}

/**
 * Applies the revocations through the users feature's guarded path (grant ceiling, outranking, self,
 * last administrator), one set-based call per distinct reason, and returns each item's outcome.
 */
async function revokeAll(trx: DbOrTrx, ctx: Ctx, campaign: CampaignRow, items: ItemRow[], to: RoleRow): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const users = new Map(
    (
      await usersByIds(
        trx,
        ctx.organizationId,
        items.map((i) => i.user_id),
      )
    ).map((u) => [u.id, u]),
  );
  const byReason = new Map<string, { item: ItemRow; user: UserRow }[]>();
  for (const item of items) {
    const user = users.get(item.user_id);
    if (!user || user.role_id !== item.role_id) out.set(item.id, CHANGED_SINCE);
    else if (user.role_id === to.id) out.set(item.id, { outcome: 'unchanged', outcome_message: `They already hold ${to.name}, the narrowest role.` });
    else byReason.set(reasonFor(campaign, item), [...(byReason.get(reasonFor(campaign, item)) ?? []), { item, user }]);
  }
  for (const [reason, group] of byReason) {
    let result: Awaited<ReturnType<typeof assignRoles>>;
    try {
      result = await assignRoles(
        trx,
        ctx,
        group.map((g) => g.user),
        to.id,
        reason,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result = { changed: [], refused: group.map((g) => ({ user: g.user, error })) };
    }
    const refused = new Map(result.refused.map((r) => [r.user.id, r.error]));
    for (const { item, user } of group) {
      const error = refused.get(user.id);
      out.set(
        item.id,
        error
          ? { outcome: 'refused', outcome_message: `${error.message} (${error.code})` }
          : { outcome: 'revoked', outcome_message: `Role changed from ${item.role_name} to ${to.name}.` },
      );
    }
  }
  return out;
}

/** Writes each item's outcome: one UPDATE per distinct outcome and message, in chunks. */
async function recordOutcomes(trx: DbOrTrx, ctx: Ctx, outcomes: Map<string, Outcome>, now: string): Promise<Record<string, number>> {
  const groups = new Map<string, { outcome: Outcome; ids: string[] }>();
  for (const [itemId, outcome] of outcomes) {
    const key = `${outcome.outcome}\u0000${outcome.outcome_message ?? ''}`;
    groups.set(key, { outcome, ids: [...(groups.get(key)?.ids ?? []), itemId] });
  }
  const tally: Record<string, number> = {};
  for (const { outcome, ids } of groups.values()) {
    tally[outcome.outcome!] = (tally[outcome.outcome!] ?? 0) + ids.length;
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .updateTable('access_review_items')
        .set({ ...outcome, applied_at: now })
        .where('organization_id', '=', ctx.organizationId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }
  return tally;
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
    const outcomes = await revokeAll(trx, ctx, campaign, items.filter(revoking), to);
    for (const item of items.filter((i) => !revoking(i))) {
      outcomes.set(
        item.id,
        item.decision === 'keep'
          ? { outcome: 'kept', outcome_message: null }
          : { outcome: 'unreviewed', outcome_message: 'Nobody decided before the campaign closed; access left as it was.' },
      );
    }
    const tally = await recordOutcomes(trx, ctx, outcomes, now);
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
