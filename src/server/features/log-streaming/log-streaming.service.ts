import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateLogStreamBody } from '../../../contracts/log-streaming.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { afterKeyset, decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { assertPublicHost, OutboundAddressRefused, urlHost } from '../../platform/outbound-url.js';
import { newToken } from '../../platform/tokens.js';
import { LOG_STREAMING_ERRORS } from './log-streaming.errors.js';
import type { LogStreamDestinationRow } from './log-streaming.table.js';

type SignedIn = RequestContext & { actor: Actor };

interface DestinationStats {
  pending: number;
  last_delivered_at: string | null;
  last_error: string | null;
}

async function outboxStats(ctx: SignedIn, destinationIds: string[]): Promise<Map<string, DestinationStats>> {
  if (destinationIds.length === 0) return new Map();
  const rows = await ctx.deps.db
    .selectFrom('log_stream_outbox')
    .select((eb) => [
      'destination_id',
      eb.fn.countAll<number>().filterWhere('status', 'in', ['pending', 'sending']).as('pending'),
      eb.fn.max('delivered_at').as('last_delivered_at'),
    ])
    .where('organization_id', '=', ctx.organizationId)
    .where('destination_id', 'in', destinationIds)
    .groupBy('destination_id')
    .execute();
  const errors = await ctx.deps.db
    .selectFrom('log_stream_outbox')
    .select(['destination_id', 'last_error'])
    .where('organization_id', '=', ctx.organizationId)
    .where('destination_id', 'in', destinationIds)
    .where('status', 'in', ['pending', 'failed'])
    .where('last_error', 'is not', null)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return new Map(rows.map((r) => [r.destination_id, { ...r, last_error: errors.find((e) => e.destination_id === r.destination_id)?.last_error ?? null }]));
}

function toContract(row: LogStreamDestinationRow, stats?: DestinationStats) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    pendingBatches: Number(stats?.pending ?? 0),
    lastDeliveredAt: stats?.last_delivered_at ?? null,
    lastError: stats?.last_error ?? null,
  };
}

/** One page of the active destinations, oldest first (created_at, id ascending), with their delivery state. */
export async function listDestinations(ctx: SignedIn, query: PageQuery) {
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('log_stream_destinations').selectAll().where('organization_id', '=', ctx.organizationId).where('disabled_at', 'is', null);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'asc'));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const stats = await outboxStats(
    ctx,
    rows.map((r) => r.id),
  );
  return keysetPage(
    rows,
    limit,
    (r) => ({ key: r.created_at, id: r.id }),
    (r) => toContract(r, stats.get(r.id)),
  );
}

/** https only (plain http and private addresses only where WEBHOOK_ALLOW_PRIVATE allows them: tests, a local SIEM). */
async function destinationUrl(ctx: SignedIn, text: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(LOG_STREAMING_ERRORS, 'DESTINATION_URL_INVALID');
  }
  const allowPrivate = ctx.deps.config.webhookAllowPrivate;
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw fail(LOG_STREAMING_ERRORS, 'DESTINATION_URL_INVALID');
  if (allowPrivate) return url;
  const host = urlHost(url);
  try {
    await assertPublicHost(host);
  } catch (error) {
    if (error instanceof OutboundAddressRefused)
      throw fail(
        LOG_STREAMING_ERRORS,
        'DESTINATION_URL_NOT_PUBLIC',
        { host, address: error.address, kind: error.kind },
        `Log streams go only to public addresses: ${error.message}.`,
      );
    throw fail(LOG_STREAMING_ERRORS, 'DESTINATION_URL_UNRESOLVABLE', { host });
  }
  return url;
}

export async function createDestination(ctx: SignedIn, body: Static<typeof CreateLogStreamBody>) {
  const url = await destinationUrl(ctx, body.url);
  const row: LogStreamDestinationRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    name: body.name.trim(),
    url: url.toString(),
    secret: `lssec_${newToken()}`,
    created_by: ctx.actor.userId,
    created_at: nowIso(ctx.deps),
    disabled_at: null,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('log_stream_destinations').values(row).execute();
    // Audited after the insert: the destination's first batch is the record of its own creation.
    await recordAudit(trx, ctx, {
      action: 'log_stream.created',
      category: 'admin',
      risk: 'high',
      subject: { type: 'log_stream', id: row.id, label: row.name },
      before: null,
      after: { name: row.name, url: row.url },
    });
  });
  return { ...toContract(row), secret: row.secret };
}

export async function removeDestination(ctx: SignedIn, id: string) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('log_stream_destinations')
      .selectAll()
      .where('organization_id', '=', ctx.organizationId)
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw fail(LOG_STREAMING_ERRORS, 'DESTINATION_NOT_FOUND');
    // A removed destination receives nothing more, not even batches still waiting for it.
    await recordAudit(trx, ctx, {
      action: 'log_stream.removed',
      category: 'admin',
      risk: 'high',
      subject: { type: 'log_stream', id: row.id, label: row.name },
      before: { name: row.name, url: row.url },
      after: null,
    });
    await trx
      .updateTable('log_stream_destinations')
      .set({ disabled_at: nowIso(ctx.deps) })
      .where('id', '=', id)
      .execute();
  });
}
