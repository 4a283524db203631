import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../contracts/ownership.js';
import { nowIso, type Deps } from './deps.js';
import { OutboundAddressRefused, postOutbound } from './outbound-url.js';
import type { SendOutcome } from './outbox-lease.js';

/** A delivery whose timestamp is further than this from the receiver's clock is refused (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
const REQUEST_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed, so it cannot be refreshed on a replay. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs before trusting a delivery (the README shows the same function to copy):
 * true only for a body signed with `secret` at a time within WEBHOOK_TOLERANCE_SECONDS of `now`.
 * `body` is the raw request body, `headers` the request's headers (lower-case names).
 */
export function verifyWebhookSignature(secret: string, body: string, headers: Record<string, string | string[] | undefined>, now = Date.now()): boolean {
  const timestamp = Number(headers[WEBHOOK_TIMESTAMP_HEADER]);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(String(headers[WEBHOOK_SIGNATURE_HEADER] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface SignedDelivery {
  url: string;
  secret: string;
  /** The JSON body, signed as sent. */
  payload: string;
  /** Goes out as the event header, e.g. `ownership.transferred` or `audit.batch`. */
  event: string;
  /** Stable across retries, so a receiver can drop a duplicate. */
  deliveryId: string;
  userAgent: string;
  /** Appended to the reason when the address is refused: how the operator can change that. */
  refusedHint: string;
}

type DeliveryColumns = { last_status_code: number | null; delivered_at?: string };

/**
 * One signed POST from an outbox (webhooks and log streams): a 2xx is delivered, anything else is
 * retried by the outbox, and an address that is not public is refused for good without connecting.
 */
export async function sendSigned(deps: Deps, delivery: SignedDelivery): Promise<SendOutcome<DeliveryColumns>> {
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  try {
    const status = await postOutbound({
      url: delivery.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': delivery.userAgent,
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, delivery.payload),
        [WEBHOOK_EVENT_HEADER]: delivery.event,
        [WEBHOOK_DELIVERY_HEADER]: delivery.deliveryId,
      },
      body: delivery.payload,
      timeoutMs: REQUEST_TIMEOUT_MS,
      allowPrivate: deps.config.webhookAllowPrivate,
    });
    if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}`, columns: { last_status_code: status } };
    return { ok: true, status: 'delivered', columns: { last_status_code: status, delivered_at: nowIso(deps) } };
  } catch (error) {
    if (error instanceof OutboundAddressRefused) {
      return { ok: false, final: true, error: `refused: ${error.message}; ${delivery.refusedHint}`, columns: { last_status_code: null } };
    }
    return { ok: false, error: (error as Error).message, columns: { last_status_code: null } };
  }
}
