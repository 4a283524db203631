import type { FastifyBaseLogger } from 'fastify';
import type { Updateable } from 'kysely';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../../contracts/ownership.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { OutboundAddressRefused, postOutbound } from '../../platform/outbound-url.js';
import { deliverDue, type SendOutcome } from '../../platform/outbox-lease.js';
import { signWebhook } from '../ownership/index.js';
import type { LogStreamOutboxTable } from './log-streaming.table.js';

const REQUEST_TIMEOUT_MS = 10_000;
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
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  try {
    const status = await postOutbound({
      url: row.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sofie-LogStream/1',
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(row.secret, timestamp, row.payload),
        [WEBHOOK_EVENT_HEADER]: `audit.${row.kind}`,
        [WEBHOOK_DELIVERY_HEADER]: id,
      },
      body: row.payload,
      timeoutMs: REQUEST_TIMEOUT_MS,
      allowPrivate: deps.config.webhookAllowPrivate,
    });
    if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}`, columns: { last_status_code: status } };
    return { ok: true, status: 'delivered', columns: { last_status_code: status, delivered_at: nowIso(deps) } };
  } catch (error) {
    if (error instanceof OutboundAddressRefused)
      return { ok: false, final: true, error: `refused: ${error.message}; log streams go only to public addresses`, columns: { last_status_code: null } };
    return { ok: false, error: (error as Error).message, columns: { last_status_code: null } };
  }
}

/** Delivered batches are kept a week for the console's "last delivered", then removed. */
export async function pruneDeliveredBatches(deps: Deps): Promise<void> {
  const before = new Date(deps.clock().getTime() - 7 * 24 * 3600_000).toISOString();
  await deps.db.deleteFrom('log_stream_outbox').where('status', '=', 'delivered').where('delivered_at', '<', before).execute();
}
