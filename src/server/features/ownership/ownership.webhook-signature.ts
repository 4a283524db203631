import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../../contracts/ownership.js';

/** A delivery whose timestamp is further than this from the receiver's clock is refused (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

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
