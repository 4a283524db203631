import type { FastifyBaseLogger } from 'fastify';
import type { Updateable } from 'kysely';
import type { WebhookEventType } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import type { BackgroundJob } from '../../platform/background-job.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { deliverDue, type SendOutcome } from '../../platform/outbox-lease.js';
import { sendSigned } from '../../platform/signed-delivery.js';
import type { WebhookOutboxTable } from './ownership.table.js';

/** Changes per event: a 10,000-item offboarding becomes 20 events per endpoint, not 10,000. */
export const CHANGES_PER_EVENT = 500;
const MAX_ATTEMPTS = 12;

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without background workers (tests call deliverDueWebhooks). */
    webhookWorker: BackgroundJob | null;
  }
}

export function webhookBackoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** (attempts - 1), 6 * 60 * 60_000);
}

/**
 * Queues events for every enabled endpoint of the organization, inside the caller's transaction:
 * a rolled-back change announces nothing, a committed one is announced even if the receiver is down.
 * `changes` are split into events of CHANGES_PER_EVENT.
 */
export async function enqueueWebhookEvents(
  trx: DbOrTrx,
  deps: Deps,
  organizationId: string,
  type: WebhookEventType,
  changes: readonly unknown[],
  context: Record<string, unknown> = {},
): Promise<number> {
  if (changes.length === 0) return 0;
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('disabled_at', 'is', null)
    .execute();
  if (endpoints.length === 0) return 0;
  const now = nowIso(deps);
  const rows = [];
  for (let i = 0; i < changes.length; i += CHANGES_PER_EVENT) {
    const eventId = deps.newId();
    const payload = JSON.stringify({
      id: eventId,
      type,
      organizationId,
      occurredAt: now,
      data: { ...context, changes: changes.slice(i, i + CHANGES_PER_EVENT) },
    });
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
  for (let i = 0; i < rows.length; i += 20)
    await trx
      .insertInto('webhook_outbox')
      .values(rows.slice(i, i + 20))
      .execute();
  return rows.length;
}

/**
 * Delivers what is due, oldest first, with the outbox lease (platform/outbox-lease.ts): several app
 * processes can run this side by side, and an event whose sender died mid-request is sent again once
 * its lease expires. A receiver that fails or times out gets the event again later with exponential
 * backoff, until MAX_ATTEMPTS; an endpoint whose host is not public is refused without connecting.
 */
export function deliverDueWebhooks(deps: Deps, logger: FastifyBaseLogger, batch = 20): Promise<number> {
  return deliverDue(
    deps,
    logger,
    { table: 'webhook_outbox', maxAttempts: MAX_ATTEMPTS, backoffMs: webhookBackoffMs, send: ({ id }) => sendWebhook(deps, id) },
    batch,
  );
}

async function sendWebhook(deps: Deps, id: string): Promise<SendOutcome<Updateable<WebhookOutboxTable>>> {
  const row = await deps.db
    .selectFrom('webhook_outbox')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_outbox.endpoint_id')
    .select([
      'webhook_outbox.payload',
      'webhook_outbox.event_type',
      'webhook_outbox.event_id',
      'webhook_endpoints.url',
      'webhook_endpoints.secret',
      'webhook_endpoints.disabled_at',
    ])
    .where('webhook_outbox.id', '=', id)
    .executeTakeFirstOrThrow();
  if (row.disabled_at) return { ok: false, final: true, error: 'endpoint disabled' };
  return sendSigned(deps, {
    url: row.url,
    secret: row.secret,
    payload: row.payload,
    event: row.event_type,
    deliveryId: row.event_id,
    userAgent: 'Sofie-Webhooks/1',
    refusedHint: 'webhooks go only to public addresses (WEBHOOK_ALLOW_PRIVATE=1 allows others)',
  });
}
