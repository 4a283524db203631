// Keyset pages, the API's one pagination scheme: a list is ordered by a stable key ending in the id, a
// page is `limit` rows after the key of the last row seen, and the cursor is that key as base64url JSON
// (`[value, ..., id]`), the same shape users, groups, Workspaces and the audit log answer with.
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
