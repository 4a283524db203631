// Keyset pages, the one scheme every list route uses: a page is ordered by (key, id), the cursor is the
// last item's [key, id] as base64url JSON (as Groups, Workspaces and Users already answer), and the
// next page starts strictly after it, so rows added or removed meanwhile never repeat or skip one.
import { sql, type RawBuilder } from 'kysely';
import { PLATFORM_ERRORS } from '../../contracts/errors.js';
import { fail } from './errors.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** Where a page stops: its last item's sort key and id. */
export interface Keyset {
  key: string;
  id: string;
}

export function encodeKeysetCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** The position a cursor names, null for the first page; a cursor this scheme did not make is a 400. */
export function decodeKeysetCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // fall through
  }
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
}

/** The SQL condition "strictly after this position" for a query ordered by (key, id) in `order`. */
export function afterKeyset(columns: { key: string; id: string }, after: Keyset, order: 'asc' | 'desc'): RawBuilder<boolean> {
  const op = sql.raw(order === 'asc' ? '>' : '<');
  const key = sql.ref(columns.key);
  return sql<boolean>`(${key} ${op} ${after.key} OR (${key} = ${after.key} AND ${sql.ref(columns.id)} ${op} ${after.id}))`;
}

/**
 * The page from rows fetched with `limit + 1` (the extra row only says another page follows), mapped
 * to the contract, with the cursor of the next page.
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  positionOf: (row: Row) => Keyset,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const position = rows.length > limit && last ? positionOf(last) : null;
  return { items: page.map(toItem), nextCursor: position ? encodeKeysetCursor(position.key, position.id) : null };
}

/**
 * One page of a list computed in memory (small by nature: a person's own organizations or Workspaces),
 * ordered by (key, id) and cut with the same cursors as a query would be.
 */
export function pageInMemory<Item>(all: readonly Item[], query: { limit?: number; cursor?: string }, positionOf: (item: Item) => Keyset) {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const after = decodeKeysetCursor(query.cursor);
  const sorted = [...all].sort((a, b) => (isAfter(positionOf(a), positionOf(b)) ? 1 : -1));
  const rest = after ? sorted.filter((item) => isAfter(positionOf(item), after)) : sorted;
  return keysetPage(rest.slice(0, limit + 1), limit, positionOf, (item) => item);
}

function isAfter(position: Keyset, after: Keyset): boolean {
  return position.key > after.key || (position.key === after.key && position.id > after.id);
}
