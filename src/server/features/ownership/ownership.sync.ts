import type { Static } from 'typebox';
import type {
  CollaboratorChangesBody,
  RemoveContentItemsBody,
  SequenceStatus,
  UpsertContentItemsBody,
  UpsertContentItemsResult,
} from '../../../contracts/ownership.js';
import { chunks } from '../../db/chunks.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { OWNERSHIP_ERRORS } from './ownership.errors.js';
import { deleteSeats, existingUserIds, findItemsByExternalIds, insertItems, insertSeats, seatsOfItems } from './ownership.repository.js';
import {
  announceOwnershipChanges,
  announceSeatChanges,
  announceSequenceChanges,
  type OwnershipChange,
  type SeatChange,
  type SequenceStatusChange,
} from './ownership.service.js';
import type { CollaboratorRow, ContentItemRow, NewContentItemRow } from './ownership.table.js';
import { enqueueWebhookEvents } from './ownership.webhooks.js';

// The content registry as Sofie's content services keep it in sync: items, their owners and seats.

async function assertUsersExist(db: DbOrTrx, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await existingUserIds(db, organizationId, ids);
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0) throw fail(OWNERSHIP_ERRORS, 'UNKNOWN_USER', { userIds: missing.slice(0, 50) });
}

type UpsertItem = Static<typeof UpsertContentItemsBody>['items'][number];
type UpsertOutcome = Static<typeof UpsertContentItemsResult>['items'];

interface ItemSync {
  result: UpsertOutcome;
  idByExternal: Map<string, string>;
  ownershipChanges: OwnershipChange[];
  sequenceChanges: SequenceStatusChange[];
}

/** Where an item lives after the upsert: a field the service leaves out keeps its stored value. */
interface Placement {
  workspaceId: string | null;
  sequenceStatus: SequenceStatus | null;
}

function placementOf(item: UpsertItem, row: ContentItemRow | undefined): Placement {
  return {
    sequenceStatus: item.type === 'sequence' ? (item.sequenceStatus ?? row?.sequence_status ?? 'active') : null,
    workspaceId: item.workspaceId === undefined ? (row?.workspace_id ?? null) : item.workspaceId,
  };
}

/** Creates the new items and updates the changed ones; returns each item's outcome and the changes to announce. */
async function syncItemRows(trx: DbOrTrx, ctx: RequestContext, items: readonly UpsertItem[], now: string): Promise<ItemSync> {
  const existing = new Map(
    (
      await findItemsByExternalIds(
        trx,
        ctx.organizationId,
        items.map((i) => i.externalId),
      )
    ).map((r) => [r.external_id, r]),
  );
  const inserts: NewContentItemRow[] = [];
  const sync: ItemSync = { result: [], idByExternal: new Map(), ownershipChanges: [], sequenceChanges: [] };
  for (const item of items) {
    const row = existing.get(item.externalId);
    const placement = placementOf(item, row);
    if (!row) {
      inserts.push(newItemRow(ctx, item, placement, now, sync));
      continue;
    }
    sync.idByExternal.set(item.externalId, row.id);
    const changed = await updateItemRow(trx, ctx, row, item, placement, now, sync);
    sync.result.push({ externalId: item.externalId, id: row.id, outcome: changed ? 'updated' : 'unchanged' });
  }
  await insertItems(trx, inserts);
  return sync;
}

/** The row of an item the registry does not know yet; its creation is recorded in the sync as an ownership change. */
function newItemRow(ctx: RequestContext, item: UpsertItem, placement: Placement, now: string, sync: ItemSync): NewContentItemRow {
  const id = ctx.deps.newId();
  sync.idByExternal.set(item.externalId, id);
  sync.ownershipChanges.push({
    itemId: id,
    externalId: item.externalId,
    type: item.type,
    title: item.title,
    fromOwnerUserId: null,
    toOwnerUserId: item.ownerUserId,
  });
  sync.result.push({ externalId: item.externalId, id, outcome: 'created' });
  return {
    id,
    organization_id: ctx.organizationId,
    external_id: item.externalId,
    type: item.type,
    title: item.title,
    owner_user_id: item.ownerUserId,
    workspace_id: placement.workspaceId,
    sequence_status: placement.sequenceStatus,
    paused_for_user_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

/** Updates a known item when anything differs, recording owner and Sequence status changes; returns whether it changed. */
async function updateItemRow(
  trx: DbOrTrx,
  ctx: RequestContext,
  row: ContentItemRow,
  item: UpsertItem,
  { workspaceId, sequenceStatus }: Placement,
  now: string,
  sync: ItemSync,
): Promise<boolean> {
  const changed =
    row.type !== item.type ||
    row.title !== item.title ||
    row.owner_user_id !== item.ownerUserId ||
    row.workspace_id !== workspaceId ||
    row.sequence_status !== sequenceStatus;
  if (!changed) return false;
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
    sync.ownershipChanges.push({
      itemId: row.id,
      externalId: row.external_id,
      type: item.type,
      title: item.title,
      fromOwnerUserId: row.owner_user_id,
      toOwnerUserId: item.ownerUserId,
    });
  }
  if (sequenceStatus && row.sequence_status !== sequenceStatus) {
    sync.sequenceChanges.push({
      itemId: row.id,
      externalId: row.external_id,
      title: item.title,
      ownerUserId: item.ownerUserId,
      fromStatus: row.sequence_status,
      toStatus: sequenceStatus,
    });
  }
  return true;
}

/** Replaces the seats of the items that list collaborators; an unchanged item whose seats changed becomes "updated". */
async function replaceSeats(trx: DbOrTrx, ctx: RequestContext, items: readonly UpsertItem[], sync: ItemSync, now: string): Promise<SeatChange[]> {
  const withSeats = items.filter((i) => i.collaborators);
  const seatChanges: SeatChange[] = [];
  if (withSeats.length === 0) return seatChanges;
  const { idByExternal, result } = sync;
  const itemIds = withSeats.map((i) => idByExternal.get(i.externalId)!);
  const current = await seatsOfItems(trx, ctx.organizationId, itemIds);
  const currentByItem = new Map<string, Map<string, CollaboratorRow>>();
  for (const s of current) {
    const m = currentByItem.get(s.item_id) ?? new Map<string, CollaboratorRow>();
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
  return seatChanges;
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
    const now = nowIso(ctx.deps);
    const sync = await syncItemRows(trx, ctx, body.items, now);
    const { result, ownershipChanges, sequenceChanges } = sync;
    const seatChanges = await replaceSeats(trx, ctx, body.items, sync, now);
    await announceOwnershipChanges(trx, ctx, ownershipChanges, 'service_sync');
    await announceSeatChanges(trx, ctx, seatChanges, 'service_sync');
    await announceSequenceChanges(trx, ctx, sequenceChanges, 'service_sync');
    const counts = {
      created: result.filter((r) => r.outcome === 'created').length,
      updated: result.filter((r) => r.outcome === 'updated').length,
      unchanged: result.filter((r) => r.outcome === 'unchanged').length,
    };
    if (counts.created + counts.updated > 0) {
      await recordAudit(trx, ctx, {
        action: 'content.registry_synced',
        category: 'admin',
        risk: 'low',
        subject: null,
        before: null,
        after: { ...counts, ownershipChanges: ownershipChanges.length, collaboratorChanges: seatChanges.length },
      });
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
    await enqueueWebhookEvents(
      trx,
      ctx.deps,
      ctx.organizationId,
      'content.removed',
      rows.map((r) => ({ itemId: r.id, externalId: r.external_id, type: r.type, ownerUserId: r.owner_user_id })),
      { cause: 'service_sync' },
    );
    if (rows.length > 0)
      await recordAudit(trx, ctx, {
        action: 'content.registry_removed',
        category: 'admin',
        risk: 'low',
        subject: null,
        before: { items: rows.length },
        after: null,
      });
    return { removed: rows.length, notFound: new Set(body.externalIds).size - rows.length };
  });
}

export async function changeCollaborators(ctx: RequestContext, body: Static<typeof CollaboratorChangesBody>) {
  const add = body.add ?? [];
  const remove = body.remove ?? [];
  return ctx.deps.db.transaction().execute(async (trx) => {
    await assertUsersExist(
      trx,
      ctx.organizationId,
      add.map((a) => a.userId),
    );
    const items = new Map(
      (await findItemsByExternalIds(trx, ctx.organizationId, [...new Set([...add, ...remove].map((x) => x.externalId))])).map((r) => [r.external_id, r]),
    );
    const missing = [...add, ...remove].map((x) => x.externalId).filter((e) => !items.has(e));
    if (missing.length > 0) throw fail(OWNERSHIP_ERRORS, 'CONTENT_ITEM_NOT_FOUND', { externalIds: [...new Set(missing)].slice(0, 50) });
    const current = await seatsOfItems(
      trx,
      ctx.organizationId,
      [...items.values()].map((r) => r.id),
    );
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
