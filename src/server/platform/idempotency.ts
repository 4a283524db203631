import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nowIso, type Deps } from './deps.js';
import { fail, PLATFORM_ERRORS } from './errors.js';

/**
 * Replays the stored answer when a client retries a request with the same Idempotency-Key, so a
 * retried bulk invite does not invite twice. Without the header the request simply runs.
 */
export async function idempotent<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  organizationId: string,
  run: () => Promise<{ status: number; body: T }>,
): Promise<T> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) {
    const result = await run();
    reply.status(result.status);
    return result.body;
  }
  const scopedKey = `${request.actor?.userId ?? 'anon'}:${request.routeOptions.url}:${key.slice(0, 200)}`;
  const requestHash = createHash('sha256')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
  const stored = await deps.db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('key', '=', scopedKey)
    .executeTakeFirst();
  if (stored) {
    if (stored.request_hash !== requestHash) throw fail(PLATFORM_ERRORS, 'IDEMPOTENCY_KEY_REUSED');
    reply.status(stored.status_code).header('idempotent-replayed', 'true');
    return JSON.parse(stored.response) as T;
  }
  const result = await run();
  await deps.db
    .insertInto('idempotency_keys')
    .values({
      organization_id: organizationId,
      key: scopedKey,
      request_hash: requestHash,
      status_code: result.status,
      response: JSON.stringify(result.body),
      created_at: nowIso(deps),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  reply.status(result.status);
  return result.body;
}
