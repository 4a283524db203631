// How long usage is kept: the organization's retention setting, and the purge that enforces it.
import { USAGE_RETENTION_DEFAULT_DAYS } from '../../../contracts/usage.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { addDays, DAY_MS, dayOf } from './usage.dates.js';
import { deleteExpiredEvents, deleteExpiredRollups, organizationsWithRetention, retentionDaysOf, saveRetentionDays } from './usage.repository.js';

/** Rollups outlive raw events (they are small): trends stay available after raw events are purged. */
export const ROLLUP_RETENTION_DAYS = 400;

export async function retentionDays(db: DbOrTrx, organizationId: string): Promise<number> {
  return (await retentionDaysOf(db, organizationId)) ?? USAGE_RETENTION_DEFAULT_DAYS;
}

export async function getUsageSettings(ctx: RequestContext) {
  return { retentionDays: await retentionDays(ctx.deps.db, ctx.organizationId) };
}

export async function updateUsageSettings(ctx: RequestContext & { actor: Actor }, retentionDaysValue: number) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const before = await retentionDays(trx, ctx.organizationId);
    if (before === retentionDaysValue) return;
    await saveRetentionDays(trx, ctx.organizationId, retentionDaysValue, nowIso(ctx.deps));
    await recordAudit(trx, ctx, {
      action: 'usage.retention_changed',
      category: 'policy',
      risk: 'medium',
      subject: { type: 'organization', id: ctx.organizationId, label: 'Usage retention' },
      before: { retentionDays: before },
      after: { retentionDays: retentionDaysValue },
    });
  });
  return getUsageSettings(ctx);
}

/**
 * Deletes raw events older than each organization's retention window, in small batches so writers
 * are never blocked for long, and rollups older than ROLLUP_RETENTION_DAYS. Run periodically.
 */
export async function purgeExpiredUsage(
  deps: Pick<Deps, 'db' | 'clock'>,
  options: { batchSize?: number; rollups?: boolean } = {},
): Promise<{ events: number }> {
  const batch = options.batchSize ?? 5000;
  const now = deps.clock();
  let events = 0;
  for (const org of await organizationsWithRetention(deps.db)) {
    const cutoff = new Date(now.getTime() - (org.retention_days ?? USAGE_RETENTION_DEFAULT_DAYS) * DAY_MS).toISOString();
    for (;;) {
      const n = await deleteExpiredEvents(deps.db, org.id, cutoff, batch);
      events += n;
      if (n < batch) break;
    }
    if (options.rollups !== false) await deleteExpiredRollups(deps.db, org.id, addDays(dayOf(now), -ROLLUP_RETENTION_DAYS));
  }
  return { events };
}
