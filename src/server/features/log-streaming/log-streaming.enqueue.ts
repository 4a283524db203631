import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type AuditObserver, type Deps } from '../../platform/deps.js';
import { auditRowToEvent } from '../audit/index.js';

/** Events per batch: a bulk change of 5,000 users becomes 10 requests, not 5,000. */
export const EVENTS_PER_BATCH = 500;

async function activeDestinations(trx: DbOrTrx, organizationId: string) {
  return trx.selectFrom('log_stream_destinations').select('id').where('organization_id', '=', organizationId).where('disabled_at', 'is', null).execute();
}

/** Writes one outbox row per destination and batch, in the caller's transaction. */
export async function enqueueBatches(
  trx: DbOrTrx,
  deps: Deps,
  organizationId: string,
  kind: 'events' | 'checkpoint',
  bodies: { body: object; count: number }[],
) {
  const destinations = await activeDestinations(trx, organizationId);
  if (destinations.length === 0 || bodies.length === 0) return 0;
  const now = nowIso(deps);
  const rows = destinations.flatMap((d) =>
    bodies.map(({ body, count }) => {
      const id = deps.newId();
      return {
        id,
        organization_id: organizationId,
        destination_id: d.id,
        kind,
        payload: JSON.stringify({ batchId: id, kind, organizationId, sentBy: 'Sofie User Management', ...body }),
        event_count: count,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        claimed_at: null,
        last_error: null,
        last_status_code: null,
        created_at: now,
        delivered_at: null,
      };
    }),
  );
  for (let i = 0; i < rows.length; i += 20)
    await trx
      .insertInto('log_stream_outbox')
      .values(rows.slice(i, i + 20))
      .execute();
  return rows.length;
}

/** The audit observer: every event just written goes to every active destination, in the same transaction. */
export const streamAuditEvents: AuditObserver = async (trx, ctx, events) => {
  const bodies = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_BATCH) {
    const slice = events.slice(i, i + EVENTS_PER_BATCH);
    bodies.push({ body: { events: slice.map((e) => ({ ...auditRowToEvent(e), userAgent: e.user_agent })) }, count: slice.length });
  }
  await enqueueBatches(trx, ctx.deps, ctx.organizationId, 'events', bodies);
};
