import type { Static } from 'typebox';
import {
  CONTENT_TYPES,
  type CollaboratorChangesBody,
  type CollaboratorRole,
  type ContentItem,
  type ContentItemQuery,
  type ContentType,
  type CreateWebhookEndpointBody,
  type RemoveContentItemsBody,
  type UpsertContentItemsBody,
  type UpsertContentItemsResult,
} from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { assertPublicHost, OutboundAddressRefused, urlHost } from '../../platform/outbound-url.js';
import { newToken } from '../../platform/tokens.js';
import { OWNERSHIP_ERRORS } from './ownership.errors.js';
import {
  chunks,
  countOwnedByType,
  deleteSeats,
  existingUserIds,
  findItemsByExternalIds,
  insertItems,
  insertSeats,
  listItems,
  seatsOfItems,
  type ListedItem,
} from './ownership.repository.js';
import type { CollaboratorRow, ContentItemRow, NewContentItemRow } from './ownership.table.js';
import { enqueueWebhookEvents } from './ownership.webhooks.js';

export interface OwnershipChange {
  itemId: string;
  externalId: string;
  type: ContentType;
  title: string;
  fromOwnerUserId: string | null;
  /** Null: kept for the organization. */
  toOwnerUserId: string | null;
}
export interface SeatChange {
  itemId: string;
  externalId: string;
  userId: string;
  fromRole: CollaboratorRole | null;
  toRole: CollaboratorRole | null;
}
export interface SequenceStatusChange {
  itemId: string;
  externalId: string;
  title: string;
  ownerUserId: string | null;
  fromStatus: string | null;
  toStatus: string;
}

export function listedItemToContract(row: ListedItem): ContentItem {
  return {
    id: row.id,
    externalId: row.external_id,
    type: row.type,
    title: row.title,
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? '' } : null,
    workspaceId: row.workspace_id,
    sequenceStatus: row.sequence_status,
    collaboratorCount: Number(row.collaborator_count ?? 0),
    updatedAt: row.updated_at,
  };
}

export function encodeItemCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}
export function decodeItemCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-zA-Z-]{1,64}$/.test(id)) throw fail(OWNERSHIP_ERRORS, 'INVALID_CURSOR');
  return id;
}

export async function listContentItems(ctx: RequestContext, query: Static<typeof ContentItemQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listItems(ctx.deps.db, ctx.organizationId, { ownerUserId: query.ownerUserId, collaboratorUserId: query.collaboratorUserId, type: query.type }, { limit, after: decodeItemCursor(query.cursor) });
  const page = rows.slice(0, limit);
  return { items: page.map(listedItemToContract), nextCursor: rows.length > limit ? encodeItemCursor(page[page.length - 1]!.id) : null };
}

/** The seven types with counts, zeros included, in the product's order. */
export async function ownedCounts(db: DbOrTrx, organizationId: string, userId: string): Promise<{ type: ContentType; count: number }[]> {
  const counts = await countOwnedByType(db, organizationId, userId);
  return CONTENT_TYPES.map((type) => ({ type, count: counts.get(type) ?? 0 }));
}

/** Announces changes to the organization's webhook endpoints, inside the change's transaction. */
export async function announceOwnershipChanges(trx: DbOrTrx, ctx: RequestContext, changes: OwnershipChange[], cause: string): Promise<void> {
  await enqueueWebhookEvents(trx, ctx.deps, ctx.organizationId, 'content.ownership_changed', changes, { cause });
}
export async function announceSeatChanges(trx: DbOrTrx, ctx: RequestContext, changes: SeatChange[], cause: string): Promise<void> {
  await enqueueWebhookEvents(trx, ctx.deps, ctx.organizationId, 'content.collaborators_changed', changes, { cause });
}
export async function announceSequenceChanges(trx: DbOrTrx, ctx: RequestContext, changes: SequenceStatusChange[], cause: string): Promise<void> {
  await enqueueWebhookEvents(trx, ctx.deps, ctx.organizationId, 'sequence.status_changed', changes, { cause });
}

async function assertUsersExist(db: DbOrTrx, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await existingUserIds(db, organizationId, ids);
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0) throw fail(OWNERSHIP_ERRORS, 'UNKNOWN_USER', { userIds: missing.slice(0, 50) });
}

/**
 * Upserts items by externalId (idempotent: sending the same batch twice changes nothing the second
 * time). When `collaborators` is given it replaces the item's seats. Ownership and seat changes are
 * announced by webhook in the same transaction.
 */
export async function upsertContentItems(ctx: RequestContext, body: Static<typeof UpsertContentItemsBody>): Promise<Static<typeof UpsertContentItemsResult>> {
  const seen = new Set<string>();
  for (const item of body.items) {
    if (seen.has(item.externalId)) throw fail(OWNERSHIP_ERRORS, 'DUPLICATE_EXTERNAL_ID', { externalId: item.externalId });
    seen.add(item.externalId);
  }
  return ctx.deps.db.transaction().execute(async (trx) => {
    const userIds = body.items.flatMap((i) => [...(i.ownerUserId ? [i.ownerUserId] : []), ...(i.collaborators ?? []).map((c) => c.userId)]);
    await assertUsersExist(trx, ctx.organizationId, userIds);
    const existing = new Map((await findItemsByExternalIds(trx, ctx.organizationId, body.items.map((i) => i.externalId))).map((r) => [r.external_id, r]));
    const now = nowIso(ctx.deps);
    const inserts: NewContentItemRow[] = [];
    const ownershipChanges: OwnershipChange[] = [];
    const sequenceChanges: SequenceStatusChange[] = [];
    const result: Static<typeof UpsertContentItemsResult>['items'] = [];
    const idByExternal = new Map<string, string>();
    for (const item of body.items) {
      const sequenceStatus = item.type === 'sequence' ? (item.sequenceStatus ?? existing.get(item.externalId)?.sequence_status ?? 'active') : null;
      const workspaceId = item.workspaceId === undefined ? (existing.get(item.externalId)?.workspace_id ?? null) : item.workspaceId;
      const row = existing.get(item.externalId);
      if (!row) {
        const id = ctx.deps.newId();
        idByExternal.set(item.externalId, id);
        inserts.push({ id, organization_id: ctx.organizationId, external_id: item.externalId, type: item.type, title: item.title, owner_user_id: item.ownerUserId, workspace_id: workspaceId, sequence_status: sequenceStatus, paused_for_user_id: null, version: 1, created_at: now, updated_at: now });
        ownershipChanges.push({ itemId: id, externalId: item.externalId, type: item.type, title: item.title, fromOwnerUserId: null, toOwnerUserId: item.ownerUserId });
        result.push({ externalId: item.externalId, id, outcome: 'created' });
        continue;
      }
      idByExternal.set(item.externalId, row.id);
      const changed = row.type !== item.type || row.title !== item.title || row.owner_user_id !== item.ownerUserId || row.workspace_id !== workspaceId || row.sequence_status !== sequenceStatus;
      if (changed) {
        await trx
          .updateTable('content_items')
          .set({
            type: item.type,
            title: item.title,
            owner_user_id: item.ownerUserId,
            workspace_id: workspaceId,
            sequence_status: sequenceStatus,
            // A Sequence resumed or re-owned by its service is no longer "paused for" anyone.
            paused_for_user_id: sequenceStatus === 'paused' && row.owner_user_id === item.ownerUserId ? row.paused_for_user_id : null,
            version: row.version + 1,
            updated_at: now,
          })
          .where('organization_id', '=', ctx.organizationId)
          .where('id', '=', row.id)
          .execute();
        if (row.owner_user_id !== item.ownerUserId) {
          ownershipChanges.push({ itemId: row.id, externalId: row.external_id, type: item.type, title: item.title, fromOwnerUserId: row.owner_user_id, toOwnerUserId: item.ownerUserId });
        }
        if (sequenceStatus && row.sequence_status !== sequenceStatus) {
          sequenceChanges.push({ itemId: row.id, externalId: row.external_id, title: item.title, ownerUserId: item.ownerUserId, fromStatus: row.sequence_status, toStatus: sequenceStatus });
        }
      }
      result.push({ externalId: item.externalId, id: row.id, outcome: changed ? 'updated' : 'unchanged' });
    }
    await insertItems(trx, inserts);

    // Collaborators: replace the set where given.
    const withSeats = body.items.filter((i) => i.collaborators);
    const seatChanges: SeatChange[] = [];
    if (withSeats.length > 0) {
      const itemIds = withSeats.map((i) => idByExternal.get(i.externalId)!);
      const current = await seatsOfItems(trx, ctx.organizationId, itemIds);
      const currentByItem = new Map<string, Map<string, CollaboratorRow>>();
      for (const s of current) {
        const m = currentByItem.get(s.item_id) ?? new Map();
        m.set(s.user_id, s);
        currentByItem.set(s.item_id, m);
      }
      const toInsert: CollaboratorRow[] = [];
      const toDelete: { item_id: string; user_id: string }[] = [];
      const resultByExternal = new Map(result.map((r) => [r.externalId, r]));
      for (const item of withSeats) {
        const changesBefore = seatChanges.length;
        const itemId = idByExternal.get(item.externalId)!;
        const had = currentByItem.get(itemId) ?? new Map<string, CollaboratorRow>();
        const wanted = new Map(item.collaborators!.map((c) => [c.userId, c.role]));
        for (const [userId, role] of wanted) {
          const prev = had.get(userId);
          if (prev?.role === role) continue;
          if (prev) toDelete.push({ item_id: itemId, user_id: userId });
          toInsert.push({ organization_id: ctx.organizationId, item_id: itemId, user_id: userId, role, added_at: prev?.added_at ?? now });
          seatChanges.push({ itemId, externalId: item.externalId, userId, fromRole: prev?.role ?? null, toRole: role });
        }
        for (const [userId, prev] of had) {
          if (wanted.has(userId)) continue;
          toDelete.push({ item_id: itemId, user_id: userId });
          seatChanges.push({ itemId, externalId: item.externalId, userId, fromRole: prev.role, toRole: null });
        }
        const r = resultByExternal.get(item.externalId)!;
        if (r.outcome === 'unchanged' && seatChanges.length > changesBefore) r.outcome = 'updated';
      }
      await deleteSeats(trx, ctx.organizationId, toDelete);
      await insertSeats(trx, toInsert);
    }
    await announceOwnershipChanges(trx, ctx, ownershipChanges, 'service_sync');
    await announceSeatChanges(trx, ctx, seatChanges, 'service_sync');
    await announceSequenceChanges(trx, ctx, sequenceChanges, 'service_sync');
    const counts = { created: result.filter((r) => r.outcome === 'created').length, updated: result.filter((r) => r.outcome === 'updated').length, unchanged: result.filter((r) => r.outcome === 'unchanged').length };
    if (counts.created + counts.updated > 0) {
      await recordAudit(trx, ctx, { action: 'content.registry_synced', category: 'admin', risk: 'low', subject: null, before: null, after: { ...counts, ownershipChanges: ownershipChanges.length, collaboratorChanges: seatChanges.length } });
    }
    return { ...counts, items: result };
  });
}

export async function removeContentItems(ctx: RequestContext, body: Static<typeof RemoveContentItemsBody>) {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const rows = await findItemsByExternalIds(trx, ctx.organizationId, [...new Set(body.externalIds)]);
    for (const part of chunks(rows.map((r) => r.id))) {
      await trx.deleteFrom('content_collaborators').where('organization_id', '=', ctx.organizationId).where('item_id', 'in', part).execute();
      await trx.deleteFrom('content_items').where('organization_id', '=', ctx.organizationId).where('id', 'in', part).execute();
    }
    await enqueueWebhookEvents(trx, ctx.deps, ctx.organizationId, 'content.removed', rows.map((r) => ({ itemId: r.id, externalId: r.external_id, type: r.type, ownerUserId: r.owner_user_id })), { cause: 'service_sync' });
    if (rows.length > 0) await recordAudit(trx, ctx, { action: 'content.registry_removed', category: 'admin', risk: 'low', subject: null, before: { items: rows.length }, after: null });
    return { removed: rows.length, notFound: new Set(body.externalIds).size - rows.length };
  });
}

export async function changeCollaborators(ctx: RequestContext, body: Static<typeof CollaboratorChangesBody>) {
  const add = body.add ?? [];
  const remove = body.remove ?? [];
  return ctx.deps.db.transaction().execute(async (trx) => {
    await assertUsersExist(trx, ctx.organizationId, add.map((a) => a.userId));
    const items = new Map((await findItemsByExternalIds(trx, ctx.organizationId, [...new Set([...add, ...remove].map((x) => x.externalId))])).map((r) => [r.external_id, r]));
    const missing = [...add, ...remove].map((x) => x.externalId).filter((e) => !items.has(e));
    if (missing.length > 0) throw fail(OWNERSHIP_ERRORS, 'CONTENT_ITEM_NOT_FOUND', { externalIds: [...new Set(missing)].slice(0, 50) });
    const current = await seatsOfItems(trx, ctx.organizationId, [...items.values()].map((r) => r.id));
    const seat = new Map(current.map((s) => [`${s.item_id}|${s.user_id}`, s]));
    const now = nowIso(ctx.deps);
    const changes: SeatChange[] = [];
    const toDelete: { item_id: string; user_id: string }[] = [];
    const toInsert: CollaboratorRow[] = [];
    let added = 0;
    let updated = 0;
    let removed = 0;
    let unchanged = 0;
    for (const a of add) {
      const item = items.get(a.externalId)!;
      const key = `${item.id}|${a.userId}`;
      const prev = seat.get(key);
      if (prev?.role === a.role) {
        unchanged++;
        continue;
      }
      if (prev) {
        toDelete.push({ item_id: item.id, user_id: a.userId });
        updated++;
      } else added++;
      const row = { organization_id: ctx.organizationId, item_id: item.id, user_id: a.userId, role: a.role, added_at: prev?.added_at ?? now };
      seat.set(key, row);
      toInsert.push(row);
      changes.push({ itemId: item.id, externalId: item.external_id, userId: a.userId, fromRole: prev?.role ?? null, toRole: a.role });
    }
    await deleteSeats(trx, ctx.organizationId, toDelete);
    await insertSeats(trx, toInsert);
    const removals: { item_id: string; user_id: string }[] = [];
    for (const r of remove) {
      const item = items.get(r.externalId)!;
      const prev = seat.get(`${item.id}|${r.userId}`);
      if (!prev) {
        unchanged++;
        continue;
      }
      seat.delete(`${item.id}|${r.userId}`);
      removals.push({ item_id: item.id, user_id: r.userId });
      removed++;
      changes.push({ itemId: item.id, externalId: item.external_id, userId: r.userId, fromRole: prev.role, toRole: null });
    }
    await deleteSeats(trx, ctx.organizationId, removals);
    await announceSeatChanges(trx, ctx, changes, 'service_sync');
    return { added, updated, removed, unchanged };
  });
}

// ---- Webhook endpoints (organization administrators) ----

async function endpointStats(db: DbOrTrx, organizationId: string) {
  const rows = await db
    .selectFrom('webhook_outbox')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
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

export async function listWebhookEndpoints(ctx: RequestContext) {
  const rows = await ctx.deps.db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', ctx.organizationId).orderBy('created_at').execute();
  const stats = await endpointStats(ctx.deps.db, ctx.organizationId);
  return rows.map((r) => ({ id: r.id, url: r.url, description: r.description, createdAt: r.created_at, disabledAt: r.disabled_at, pending: stats.get(r.id)?.pending ?? 0, failed: stats.get(r.id)?.failed ?? 0 }));
}

/** Refuses at creation what delivery would refuse anyway (delivery checks again: DNS answers change). */
async function assertPublicWebhookUrl(url: URL): Promise<void> {
  const host = urlHost(url);
  try {
    await assertPublicHost(host);
  } catch (error) {
    if (error instanceof OutboundAddressRefused) {
      throw fail(OWNERSHIP_ERRORS, 'WEBHOOK_URL_NOT_PUBLIC', { host, address: error.address, kind: error.kind }, `Webhooks go only to public addresses: ${error.message}.`);
    }
    throw fail(OWNERSHIP_ERRORS, 'WEBHOOK_URL_UNRESOLVABLE', { host, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' }, `The host name ${host} does not resolve to an address (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`);
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
    await trx.insertInto('webhook_endpoints').values({ id, organization_id: ctx.organizationId, url: url.toString(), description: body.description?.trim() ?? '', secret, created_by: ctx.actor.userId, created_at: now, disabled_at: null }).execute();
    await recordAudit(trx, ctx, { action: 'webhook.created', category: 'admin', risk: 'high', subject: { type: 'webhook', id, label: url.toString() }, before: null, after: { url: url.toString() } });
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
    await recordAudit(trx, ctx, { action: 'webhook.disabled', category: 'admin', risk: 'medium', subject: { type: 'webhook', id, label: row.url }, before: { disabledAt: null }, after: { disabledAt: now } });
  });
}

export async function listWebhookDeliveries(ctx: RequestContext, limit = 100) {
  const rows = await ctx.deps.db.selectFrom('webhook_outbox').selectAll().where('organization_id', '=', ctx.organizationId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
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
  }));
}

export type { ContentItemRow };
