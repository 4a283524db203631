import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateWebhookEndpointBody } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { afterKeyset, decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { assertPublicHost, OutboundAddressRefused, urlHost } from '../../platform/outbound-url.js';
import { newToken } from '../../platform/tokens.js';
import { OWNERSHIP_ERRORS } from './ownership.errors.js';

// Webhook endpoints, as organization administrators register, disable and watch them.

async function endpointStats(db: DbOrTrx, organizationId: string, endpointIds: string[]) {
  if (endpointIds.length === 0) return new Map<string, { pending: number; failed: number }>();
  const rows = await db
    .selectFrom('webhook_outbox')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', 'in', endpointIds)
    .where('status', 'in', ['pending', 'sending', 'failed'])
    .groupBy(['endpoint_id', 'status'])
    .execute();
  const stats = new Map<string, { pending: number; failed: number }>();
  for (const r of rows) {
    const s = stats.get(r.endpoint_id) ?? { pending: 0, failed: 0 };
    if (r.status === 'failed') s.failed += Number(r.n);
    else s.pending += Number(r.n);
    stats.set(r.endpoint_id, s);
  }
  return stats;
}

/** One page of the organization's endpoints, oldest first (created_at, id ascending), with their queue counts. */
export async function listWebhookEndpoints(ctx: RequestContext, query: PageQuery) {
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', ctx.organizationId);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'asc'));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const stats = await endpointStats(
    ctx.deps.db,
    ctx.organizationId,
    rows.map((r) => r.id),
  );
  return keysetPage(
    rows,
    limit,
    (r) => ({ key: r.created_at, id: r.id }),
    (r) => ({
      id: r.id,
      url: r.url,
      description: r.description,
      createdAt: r.created_at,
      disabledAt: r.disabled_at,
      pending: stats.get(r.id)?.pending ?? 0,
      failed: stats.get(r.id)?.failed ?? 0,
    }),
  );
}

/** Refuses at creation what delivery would refuse anyway (delivery checks again: DNS answers change). */
async function assertPublicWebhookUrl(url: URL): Promise<void> {
  const host = urlHost(url);
  try {
    await assertPublicHost(host);
  } catch (error) {
    if (error instanceof OutboundAddressRefused) {
      throw fail(
        OWNERSHIP_ERRORS,
        'WEBHOOK_URL_NOT_PUBLIC',
        { host, address: error.address, kind: error.kind },
        `Webhooks go only to public addresses: ${error.message}.`,
      );
    }
    throw fail(
      OWNERSHIP_ERRORS,
      'WEBHOOK_URL_UNRESOLVABLE',
      { host, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      `The host name ${host} does not resolve to an address (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`,
    );
  }
}

export async function createWebhookEndpoint(ctx: RequestContext & { actor: Actor }, body: Static<typeof CreateWebhookEndpointBody>) {
  let url: URL;
  try {
    url = new URL(body.url);
  } catch {
    throw fail(OWNERSHIP_ERRORS, 'WEBHOOK_URL_INVALID');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(OWNERSHIP_ERRORS, 'WEBHOOK_URL_INVALID');
  if (!ctx.deps.config.webhookAllowPrivate) await assertPublicWebhookUrl(url);
  const secret = `whsec_${newToken()}`;
  const id = ctx.deps.newId();
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_endpoints')
      .values({
        id,
        organization_id: ctx.organizationId,
        url: url.toString(),
        description: body.description?.trim() ?? '',
        secret,
        created_by: ctx.actor.userId,
        created_at: now,
        disabled_at: null,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'webhook.created',
      category: 'admin',
      risk: 'high',
      subject: { type: 'webhook', id, label: url.toString() },
      before: null,
      after: { url: url.toString() },
    });
  });
  return { id, url: url.toString(), description: body.description?.trim() ?? '', createdAt: now, disabledAt: null, pending: 0, failed: 0, secret };
}

export async function disableWebhookEndpoint(ctx: RequestContext & { actor: Actor }, id: string) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', id).executeTakeFirst();
    if (!row) throw fail(OWNERSHIP_ERRORS, 'WEBHOOK_NOT_FOUND');
    if (row.disabled_at) return;
    const now = nowIso(ctx.deps);
    await trx.updateTable('webhook_endpoints').set({ disabled_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'webhook.disabled',
      category: 'admin',
      risk: 'medium',
      subject: { type: 'webhook', id, label: row.url },
      before: { disabledAt: null },
      after: { disabledAt: now },
    });
  });
}

/** One page of the organization's deliveries, newest first (created_at, id descending). */
export async function listWebhookDeliveries(ctx: RequestContext, query: PageQuery) {
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('webhook_outbox').selectAll().where('organization_id', '=', ctx.organizationId);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'desc'));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return keysetPage(
    rows,
    limit,
    (r) => ({ key: r.created_at, id: r.id }),
    (r) => ({
      id: r.id,
      endpointId: r.endpoint_id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      lastStatusCode: r.last_status_code,
      nextAttemptAt: r.next_attempt_at,
      deliveredAt: r.delivered_at,
      createdAt: r.created_at,
    }),
  );
}
