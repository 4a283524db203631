import { sql } from 'kysely';
import type { ContentType } from '../../../contracts/ownership.js';
import { chunks } from '../../db/chunks.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf } from '../../db/json-array.js';
import type { CollaboratorRow, ContentItemRow, NewContentItemRow } from './ownership.table.js';

export { chunks };

export async function findItemsByExternalIds(db: DbOrTrx, organizationId: string, externalIds: readonly string[]): Promise<ContentItemRow[]> {
  const rows: ContentItemRow[] = [];
  for (const part of chunks(externalIds)) {
    rows.push(...(await db.selectFrom('content_items').selectAll().where('organization_id', '=', organizationId).where('external_id', 'in', part).execute()));
  }
  return rows;
}

export async function findItemsByIds(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<ContentItemRow[]> {
  const rows: ContentItemRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await db.selectFrom('content_items').selectAll().where('organization_id', '=', organizationId).where('id', 'in', part).execute()));
  }
  return rows;
}

export async function insertItems(db: DbOrTrx, rows: NewContentItemRow[]): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insertInto('content_items').values(part).execute();
}

export async function seatsOfItems(db: DbOrTrx, organizationId: string, itemIds: readonly string[]): Promise<CollaboratorRow[]> {
  const rows: CollaboratorRow[] = [];
  for (const part of chunks(itemIds)) {
    rows.push(
      ...(await db.selectFrom('content_collaborators').selectAll().where('organization_id', '=', organizationId).where('item_id', 'in', part).execute()),
    );
  }
  return rows;
}

export async function insertSeats(db: DbOrTrx, rows: CollaboratorRow[]): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insertInto('content_collaborators').values(part).execute();
}

export async function deleteSeats(db: DbOrTrx, organizationId: string, seats: readonly { item_id: string; user_id: string }[]): Promise<void> {
  const byUser = new Map<string, string[]>();
  for (const s of seats) {
    const list = byUser.get(s.user_id);
    if (list) list.push(s.item_id);
    else byUser.set(s.user_id, [s.item_id]);
  }
  for (const [userId, itemIds] of byUser) {
    for (const part of chunks(itemIds)) {
      await db
        .deleteFrom('content_collaborators')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .where('item_id', 'in', part)
        .execute();
    }
  }
}

/** Users of the organization among `ids` that are not deleted. */
export async function existingUserIds(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('status', '!=', 'deleted')
      .where('id', 'in', part)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function countOwnedByType(db: DbOrTrx, organizationId: string, userId: string): Promise<Map<ContentType, number>> {
  const rows = await db
    .selectFrom('content_items')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
    .where('owner_user_id', '=', userId)
    .groupBy('type')
    .execute();
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

export async function countSeatsOfUser(db: DbOrTrx, organizationId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('content_collaborators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ItemPage {
  limit: number;
  after: string | null;
}

/** Items with their collaborator count, in id order (keyset). */
export function listItems(
  db: DbOrTrx,
  organizationId: string,
  filter: { ownerUserId?: string; collaboratorUserId?: string; type?: ContentType },
  page: ItemPage,
) {
  let q = db
    .selectFrom('content_items')
    .leftJoin('users', 'users.id', 'content_items.owner_user_id')
    .select([
      'content_items.id',
      'content_items.external_id',
      'content_items.type',
      'content_items.title',
      'content_items.owner_user_id',
      'users.name as owner_name',
      'content_items.workspace_id',
      'content_items.sequence_status',
      'content_items.updated_at',
      (eb) =>
        eb
          .selectFrom('content_collaborators')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('content_collaborators.item_id', '=', 'content_items.id')
          .as('collaborator_count'),
    ])
    .where('content_items.organization_id', '=', organizationId);
  if (filter.ownerUserId) q = q.where('content_items.owner_user_id', '=', filter.ownerUserId);
  if (filter.type) q = q.where('content_items.type', '=', filter.type);
  if (filter.collaboratorUserId) {
    const uid = filter.collaboratorUserId;
    q = q.where('content_items.id', 'in', (eb) =>
      eb
        .selectFrom('content_collaborators')
        .select('content_collaborators.item_id')
        .where('content_collaborators.organization_id', '=', organizationId)
        .where('content_collaborators.user_id', '=', uid),
    );
  }
  if (page.after) q = q.where('content_items.id', '>', page.after);
  return q
    .orderBy('content_items.id')
    .limit(page.limit + 1)
    .execute();
}

export type ListedItem = Awaited<ReturnType<typeof listItems>>[number];

export async function seatRolesOf(db: DbOrTrx, organizationId: string, userId: string, itemIds: readonly string[]): Promise<Map<string, string>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('content_collaborators')
    .select(['item_id', 'role'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('item_id', 'in', itemIds)
    .execute();
  return new Map(rows.map((r) => [r.item_id, r.role]));
}

export { sql };

/** The user in `userIdColumn` (an outer query's column): items owned by type (JSON array) and collaborator seats, as columns. */
export function ownershipColumns(db: DbOrTrx, dialect: Dialect, target: { organizationId: string; userIdColumn: string }) {
  const owner = sql.ref(target.userIdColumn);
  return {
    owned: jsonArrayOf<{ type: ContentType; n: number }>(
      dialect,
      db
        .selectFrom('content_items')
        .select(['content_items.type', (eb) => eb.fn.countAll<number>().as('n')])
        .where('content_items.organization_id', '=', target.organizationId)
        .where(sql<boolean>`content_items.owner_user_id = ${owner}`)
        .groupBy('content_items.type'),
    ),
    seats: db
      .selectFrom('content_collaborators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('content_collaborators.organization_id', '=', target.organizationId)
      .where(sql<boolean>`content_collaborators.user_id = ${owner}`),
  };
}
