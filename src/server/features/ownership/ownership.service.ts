import type { Static } from 'typebox';
import { CONTENT_TYPES, type CollaboratorRole, type ContentItem, type ContentItemQuery, type ContentType } from '../../../contracts/ownership.js';
import type { OwnershipItemsQuery } from '../../../contracts/offboarding.js';
import type { DbOrTrx } from '../../db/database.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { countOwnedByType, countSeatsOfUser, insertSeats, listItems, seatRolesOf, type ListedItem } from './ownership.repository.js';
import type { CollaboratorRow } from './ownership.table.js';
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
  if (!/^[0-9a-zA-Z-]{1,64}$/.test(id)) throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
  return id;
}

export async function listContentItems(ctx: RequestContext, query: Static<typeof ContentItemQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listItems(
    ctx.deps.db,
    ctx.organizationId,
    { ownerUserId: query.ownerUserId, collaboratorUserId: query.collaboratorUserId, type: query.type },
    { limit, after: decodeItemCursor(query.cursor) },
  );
  const page = rows.slice(0, limit);
  return { items: page.map(listedItemToContract), nextCursor: rows.length > limit ? encodeItemCursor(page[page.length - 1].id) : null };
}

/** The seven types with counts, zeros included, in the product's order. */
/** Owned items by type, every type listed, from ownershipColumns' `owned` rows. */
export function ownedCountsFrom(rows: readonly { type: ContentType; n: number | string }[]): { type: ContentType; count: number }[] {
  const counts = new Map(rows.map((r) => [r.type, Number(r.n)]));
  return CONTENT_TYPES.map((type) => ({ type, count: counts.get(type) ?? 0 }));
}

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

/**
 * A page of the items the user owns or collaborates on (`relation`), with the user's seat role on
 * each item they collaborate on.
 */
export async function listUserContentItems(db: DbOrTrx, organizationId: string, userId: string, query: Static<typeof OwnershipItemsQuery>) {
  const limit = query.limit ?? 50;
  const collaborating = query.relation === 'collaborating';
  const rows = await listItems(
    db,
    organizationId,
    collaborating ? { collaboratorUserId: userId, type: query.type } : { ownerUserId: userId, type: query.type },
    { limit, after: decodeItemCursor(query.cursor) },
  );
  const page = rows.slice(0, limit);
  const roles = collaborating
    ? await seatRolesOf(
        db,
        organizationId,
        userId,
        page.map((r) => r.id),
      )
    : new Map<string, string>();
  return {
    items: page.map((r) => ({ ...listedItemToContract(r), collaboratorRole: roles.get(r.id) ?? null })),
    nextCursor: rows.length > limit ? encodeItemCursor(page[page.length - 1].id) : null,
  };
}

/** How many items the user holds a collaborator seat on. */
export function collaboratorSeatCount(db: DbOrTrx, organizationId: string, userId: string): Promise<number> {
  return countSeatsOfUser(db, organizationId, userId);
}

/** Adds collaborator seats as they are (the caller announces them, see announceSeatChanges). */
export async function addCollaboratorSeats(trx: DbOrTrx, rows: CollaboratorRow[]): Promise<void> {
  await insertSeats(trx, rows);
}
