import type { FastifyBaseLogger } from 'fastify';
import type { Updateable } from 'kysely';
import type { Deps } from '../../platform/deps.js';
import { deliverDue, type SendOutcome } from '../../platform/outbox-lease.js';
import { sendSigned } from '../../platform/signed-delivery.js';
import type { LogStreamOutboxTable } from './log-streaming.table.js';

/**
 * A SIEM that is down must lose nothing: batches are retried with a backoff capped at 5 minutes for
 * about a month (10,000 attempts), and only a disabled destination or a refused address stops them.
 */
const MAX_ATTEMPTS = 10_000;

export function logStreamBackoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** (attempts - 1), 5 * 60_000);
}

/** Sends due batches with the outbox lease: several processes side by side, and a crash mid-send sends again. */
export function deliverDueLogBatches(deps: Deps, logger: FastifyBaseLogger, batch = 20): Promise<number> {
  return deliverDue(
    deps,
    logger,
    { table: 'log_stream_outbox', maxAttempts: MAX_ATTEMPTS, backoffMs: logStreamBackoffMs, send: ({ id }) => sendBatch(deps, id) },
    batch,
  );
}

async function sendBatch(deps: Deps, id: string): Promise<SendOutcome<Updateable<LogStreamOutboxTable>>> {
  const row = await deps.db
    .selectFrom('log_stream_outbox as o')
    .innerJoin('log_stream_destinations as d', 'd.id', 'o.destination_id')
    .select(['o.payload', 'o.kind', 'd.url', 'd.secret', 'd.disabled_at'])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  if (row.disabled_at) return { ok: false, final: true, error: 'destination removed' };
  return sendSigned(deps, {
    url: row.url,
    secret: row.secret,
    payload: row.payload,
    event: `audit.${row.kind}`,
    deliveryId: id,
    userAgent: 'Sofie-LogStream/1',
    refusedHint: 'log streams go only to public addresses',
  });
}

/** Delivered batches are kept a week for the console's "last delivered", then removed. */
export async function pruneDeliveredBatches(deps: Deps): Promise<void> {
  const before = new Date(deps.clock().getTime() - 7 * 24 * 3600_000).toISOString();
  await deps.db.deleteFrom('log_stream_outbox').where('status', '=', 'delivered').where('delivered_at', '<', before).execute();
}
