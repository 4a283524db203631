import type { ContentType } from '../../../contracts/ownership.js';
import type { DbOrTrx } from '../../db/database.js';
import { chunks } from '../../db/chunks.js';

export function ownedItemsOf(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('content_items')
    .select(['id', 'external_id', 'type', 'title', 'sequence_status', 'paused_for_user_id', 'workspace_id'])
    .where('organization_id', '=', organizationId)
    .where('owner_user_id', '=', userId)
    .orderBy('id')
    .execute();
}
export type OwnedItem = Awaited<ReturnType<typeof ownedItemsOf>>[number];

export function seatsOf(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('content_collaborators')
    .innerJoin('content_items', 'content_items.id', 'content_collaborators.item_id')
    .select(['content_collaborators.item_id', 'content_collaborators.role', 'content_items.external_id', 'content_items.owner_user_id'])
    .where('content_collaborators.organization_id', '=', organizationId)
    .where('content_collaborators.user_id', '=', userId)
    .execute();
}
export type Seat = Awaited<ReturnType<typeof seatsOf>>[number];

export async function setOwner(
  db: DbOrTrx,
  organizationId: string,
  itemIds: readonly string[],
  ownerUserId: string | null,
  now: string,
  pauseSequences: boolean,
): Promise<void> {
  for (const part of chunks(itemIds)) {
    await db
      .updateTable('content_items')
      .set((eb) => ({
        owner_user_id: ownerUserId,
        paused_for_user_id: null,
        version: eb('version', '+', 1),
        updated_at: now,
        ...(pauseSequences ? { sequence_status: 'paused' as const } : {}),
      }))
      .where('organization_id', '=', organizationId)
      .where('id', 'in', part)
      .execute();
  }
}

/** Seats that `userIds` already hold on `itemIds`: "item|user" keys. */
export async function existingSeatKeys(db: DbOrTrx, organizationId: string, itemIds: readonly string[], userIds: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  if (userIds.length === 0) return keys;
  for (const part of chunks(itemIds)) {
    const rows = await db
      .selectFrom('content_collaborators')
      .select(['item_id', 'user_id'])
      .where('organization_id', '=', organizationId)
      .where('item_id', 'in', part)
      .where('user_id', 'in', [...userIds])
      .execute();
    for (const r of rows) keys.add(`${r.item_id}|${r.user_id}`);
  }
  return keys;
}

export async function countPendingInvitations(db: DbOrTrx, organizationId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function revokePendingInvitations(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'revoked', revoked_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countActiveSessions(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function directWorkspaceMemberships(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('workspace_members')
    .select(['workspace_id', 'role'])
    .where('organization_id', '=', organizationId)
    .where('member_type', '=', 'user')
    .where('member_id', '=', userId)
    .execute();
}

export function activeSequencesOf(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('content_items')
    .select(['id', 'external_id', 'title'])
    .where('organization_id', '=', organizationId)
    .where('owner_user_id', '=', userId)
    .where('type', '=', 'sequence' satisfies ContentType)
    .where('sequence_status', '=', 'active')
    .execute();
}

/** Deleted users not yet purged (their tombstone is kept), the soonest purge first. */
/** Soonest purge first, then by id; `after` is the (purge_after, id) of the last one of the previous page. */
export function restorableUsers(db: DbOrTrx, organizationId: string, now: string, after: { purgeAfter: string; id: string } | null, limit: number) {
  let q = db
    .selectFrom('users')
    .select(['id', 'name', 'deleted_at', 'purge_after'])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'deleted')
    .where('tombstone', 'is not', null)
    .where('purge_after', '>', now);
  if (after)
    q = q.where((eb) => eb.or([eb('purge_after', '>', after.purgeAfter), eb.and([eb('purge_after', '=', after.purgeAfter), eb('id', '>', after.id)])]));
  return q.orderBy('purge_after').orderBy('id').limit(limit).execute();
}
