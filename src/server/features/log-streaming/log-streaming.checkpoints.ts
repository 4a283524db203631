import { nowIso, type Deps } from '../../platform/deps.js';
import { committedHead } from '../../platform/audit-chain.js';
import { enqueueBatches } from './log-streaming.enqueue.js';

/** How often the audit chain's head is published to each destination (when it moved). */
export const CHECKPOINT_EVERY_MS = 15 * 60_000;

/**
 * Publishes each streaming organization's chain head (sequence and hash) to its destinations when it
 * moved since the last checkpoint. The SIEM then holds a hash that any rewritten history would have
 * to match, and it cannot: rewriting one event changes every later hash (see audit:verify).
 */
export async function checkpointRound(deps: Deps): Promise<number> {
  const organizations = await deps.db.selectFrom('log_stream_destinations').select('organization_id').where('disabled_at', 'is', null).distinct().execute();
  let published = 0;
  for (const { organization_id: organizationId } of organizations) {
    const head = await committedHead(deps.db, organizationId);
    if (!head) continue;
    const last = await deps.db
      .selectFrom('log_stream_outbox')
      .select('payload')
      .where('organization_id', '=', organizationId)
      .where('kind', '=', 'checkpoint')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && (JSON.parse(last.payload) as { head?: { seq: number } }).head?.seq === head.seq) continue;
    const body = { head: { seq: head.seq, hash: head.hash, at: nowIso(deps) } };
    published += await deps.db.transaction().execute((trx) => enqueueBatches(trx, deps, organizationId, 'checkpoint', [{ body, count: 0 }]));
  }
  return published;
}
