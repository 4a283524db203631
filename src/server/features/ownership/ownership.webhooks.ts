import { createHmac } from 'node:crypto';
import type { BackgroundJob } from '../../platform/background-job.js';
import type { FastifyBaseLogger } from 'fastify';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, type WebhookEventType } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps } from '../../platform/deps.js';

/** Changes per event: a 10,000-item offboarding becomes 20 events per endpoint, not 10,000. */
export const CHANGES_PER_EVENT = 500;
const MAX_ATTEMPTS = 12;

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without background workers (tests call deliverDueWebhooks). */
    webhookWorker: BackgroundJob | null;
  }
}
/** A claimed delivery whose process died is claimable again after this. */
const CLAIM_TIMEOUT_MS = 2 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookBackoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** (attempts - 1), 6 * 60 * 60_000);
}

/**
 * Queues events for every enabled endpoint of the organization, inside the caller's transaction:
 * a rolled-back change announces nothing, a committed one is announced even if the receiver is down.
 * `changes` are split into events of CHANGES_PER_EVENT.
 */
export async function enqueueWebhookEvents(trx: DbOrTrx, deps: Deps, organizationId: string, type: WebhookEventType, changes: readonly unknown[], context: Record<string, unknown> = {}): Promise<number> {
  if (changes.length === 0) return 0;
  const endpoints = await trx.selectFrom('webhook_endpoints').select('id').where('organization_id', '=', organizationId).where('disabled_at', 'is', null).execute();
  if (endpoints.length === 0) return 0;
  const now = nowIso(deps);
  const rows = [];
  for (let i = 0; i < changes.length; i += CHANGES_PER_EVENT) {
    const eventId = deps.newId();
    const payload = JSON.stringify({ id: eventId, type, organizationId, occurredAt: now, data: { ...context, changes: changes.slice(i, i + CHANGES_PER_EVENT) } });
    for (const endpoint of endpoints) {
      rows.push({
        id: deps.newId(),
        organization_id: organizationId,
        endpoint_id: endpoint.id,
        event_id: eventId,
        event_type: type,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        claimed_at: null,
        last_error: null,
        last_status_code: null,
        created_at: now,
        delivered_at: null,
      });
    }
  }
  // Payloads are large: keep statements small on both databases.
  for (let i = 0; i < rows.length; i += 20) await trx.insertInto('webhook_outbox').values(rows.slice(i, i + 20)).execute();
  return rows.length;
}

/**
 * Delivers what is due, oldest first. Each row is claimed with a compare-and-set so several app
 * processes can run this side by side; a receiver that fails or times out gets the event again later
 * with exponential backoff, until MAX_ATTEMPTS.
 */
export async function deliverDueWebhooks(deps: Deps, logger: FastifyBaseLogger, batch = 20): Promise<number> {
  const now = nowIso(deps);
  const staleClaim = new Date(deps.clock().getTime() - CLAIM_TIMEOUT_MS).toISOString();
  // Rows claimed by a process that died go back to pending.
  await deps.db.updateTable('webhook_outbox').set({ status: 'pending' }).where('status', '=', 'sending').where('claimed_at', '<', staleClaim).execute();
  const due = await deps.db
    .selectFrom('webhook_outbox')
    .select(['id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(batch)
    .execute();
  let delivered = 0;
  for (const { id } of due) {
    const claimed = await deps.db
      .updateTable('webhook_outbox')
      .set({ status: 'sending', claimed_at: nowIso(deps) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const row = await deps.db
      .selectFrom('webhook_outbox')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_outbox.endpoint_id')
      .select(['webhook_outbox.id', 'webhook_outbox.payload', 'webhook_outbox.event_type', 'webhook_outbox.event_id', 'webhook_outbox.attempts', 'webhook_endpoints.url', 'webhook_endpoints.secret', 'webhook_endpoints.disabled_at'])
      .where('webhook_outbox.id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.disabled_at) {
      await deps.db.updateTable('webhook_outbox').set({ status: 'failed', last_error: 'endpoint disabled', claimed_at: null }).where('id', '=', id).execute();
      continue;
    }
    const attempts = row.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Sofie-Webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(row.secret, row.payload),
          [WEBHOOK_EVENT_HEADER]: row.event_type,
          [WEBHOOK_DELIVERY_HEADER]: row.event_id,
        },
        body: row.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    if (!error) {
      await deps.db.updateTable('webhook_outbox').set({ status: 'delivered', attempts, last_status_code: statusCode, last_error: null, delivered_at: nowIso(deps), claimed_at: null }).where('id', '=', id).execute();
      delivered++;
      continue;
    }
    const failed = attempts >= MAX_ATTEMPTS;
    logger.warn({ webhook: row.url, attempts, err: error }, failed ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry');
    await deps.db
      .updateTable('webhook_outbox')
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        last_error: error,
        last_status_code: statusCode,
        claimed_at: null,
        next_attempt_at: new Date(deps.clock().getTime() + webhookBackoffMs(attempts)).toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }
  return delivered;
}
