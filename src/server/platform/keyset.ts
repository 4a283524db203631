// Keyset pages, the API's one pagination scheme: a list is ordered by a stable key ending in the id, a
// page is `limit` rows after the key of the last row seen, and the cursor is that key as base64url JSON
// (`[value, ..., id]`), the same shape users, groups, Workspaces and the audit log answer with. Rows
// added or removed meanwhile never repeat or skip one.
import { sql, type RawBuilder } from 'kysely';
import { PAGE_LIMIT_DEFAULT } from '../../contracts/common.js';
import { fail, PLATFORM_ERRORS } from './errors.js';

/** The opaque cursor of a row's key. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor names (null without a cursor); a cursor of another shape is a 400 INVALID_CURSOR. */
export function decodeCursor(cursor: string | undefined, arity: number): string[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string')) return key;
  } catch {
    // fall through
  }
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
}

/** The page size a query asks for. */
export function limitOf(query: { limit?: number }): number {
  return query.limit ?? PAGE_LIMIT_DEFAULT;
}

/**
 * A page from `limit + 1` rows read after the cursor: the first `limit`, and the cursor of the last
 * one when a further row shows there is a next page.
 */
export function pageOf<Row>(rows: Row[], limit: number, keyOf: (row: Row) => string[]): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Where a page stops: its last item's sort key and id. */
export interface Keyset {
  key: string;
  id: string;
}

export function encodeKeysetCursor(key: string, id: string): string {
  return encodeCursor([key, id]);
}

/** The position a cursor names, null for the first page; a cursor this scheme did not make is a 400. */
export function decodeKeysetCursor(cursor: string | undefined): Keyset | null {
  const parts = decodeCursor(cursor, 2);
  return parts ? { key: parts[0], id: parts[1] } : null;
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
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  const sorted = [...all].sort((a, b) => (isAfter(positionOf(a), positionOf(b)) ? 1 : -1));
  const rest = after ? sorted.filter((item) => isAfter(positionOf(item), after)) : sorted;
  return keysetPage(rest.slice(0, limit + 1), limit, positionOf, (item) => item);
}

function isAfter(position: Keyset, after: Keyset): boolean {
  return position.key > after.key || (position.key === after.key && position.id > after.id);
}
