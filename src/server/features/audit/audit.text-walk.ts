import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { ordered, type AuditFilter, type RowidSpan } from './audit.query.js';
import type { AuditEventRow } from './audit.table.js';

/** Each window spans this many times the previous one: few windows even when the first guess was far too small. */
export const WIDENING = 4;

/** The first window spans at least this long (a sample of events written within one millisecond says little). */
const MIN_SPAN_MS = 1_000;

/** One window's page: the rows matching the search (with the window as its date range), in page order. */
export type WindowPage = (window: AuditFilter, limit: number) => Promise<AuditEventRow[]>;

/** The created_at of the first row in page order passing the exact filters (no text test), or null. */
async function edgeOf(db: DbOrTrx, organizationId: string, filter: AuditFilter, desc: boolean): Promise<string | null> {
  const row = await ordered(db, organizationId, filter, desc).clearSelect().select('created_at').limit(1).executeTakeFirst();
  return row?.created_at ?? null;
}

const later = (a: string | undefined, b: string) => (a !== undefined && a > b ? a : b);
const earlier = (a: string | undefined, b: string) => (a !== undefined && a < b ? a : b);

/**
 * The search's date range cut into windows in page order, from the first row passing the exact filters:
 * the first spans `firstSpanMs`, each next one WIDENING times more, the last reaches the range's far
 * end (the last row passing the exact filters). Windows meet without overlapping (each from its lower
 * bound inclusive to its upper bound exclusive, as the date range is), so together they are the range.
 */
async function* windows(db: DbOrTrx, organizationId: string, filter: AuditFilter, firstSpanMs: number): AsyncGenerator<AuditFilter> {
  const desc = filter.sort !== 'oldest';
  const near = await edgeOf(db, organizationId, filter, desc);
  if (near === null) return;
  // The far end is read only when the first window did not fill the page.
  let far: string | null | undefined;
  let span = Math.max(firstSpanMs, MIN_SPAN_MS);
  let inner: string | undefined;
  for (;;) {
    const offset = new Date(Date.parse(near) + (desc ? -span : span));
    const outer = Number.isNaN(offset.getTime()) ? null : offset.toISOString();
    // The last window: its outer bound passes the farthest row, so it is left open.
    if (outer !== null && inner !== undefined && far === undefined) far = await edgeOf(db, organizationId, filter, !desc);
    const last = outer === null || far === null || (far !== undefined && (desc ? outer <= far : outer > far));
    if (desc) yield { ...filter, from: last ? filter.from : later(filter.from, outer), to: inner === undefined ? filter.to : earlier(filter.to, inner) };
    else yield { ...filter, from: inner === undefined ? filter.from : later(filter.from, inner), to: last ? filter.to : earlier(filter.to, outer) };
    if (last) return;
    inner = outer!;
    span *= WIDENING;
  }
}

/**
 * The search's date range cut in two: the window of `spanMs` from the first row in page order passing
 * the exact filters (as the walk's first window), and the rest of the range after it (null when the
 * window reaches the range's far end). Null when no row passes the exact filters. The two meet
 * without overlapping, as the walk's windows do.
 */
export async function firstWindow(db: DbOrTrx, organizationId: string, filter: AuditFilter, spanMs: number) {
  const desc = filter.sort !== 'oldest';
  const near = await edgeOf(db, organizationId, filter, desc);
  if (near === null) return null;
  const offset = new Date(Date.parse(near) + (desc ? -1 : 1) * Math.max(spanMs, MIN_SPAN_MS));
  const outer = Number.isNaN(offset.getTime()) ? null : offset.toISOString();
  if (outer === null || (desc ? filter.from !== undefined && filter.from >= outer : filter.to !== undefined && filter.to <= outer))
    return { first: filter, rest: null };
  if (desc) return { first: { ...filter, from: outer }, rest: { ...filter, to: earlier(filter.to, outer) } };
  return { first: { ...filter, to: outer }, rest: { ...filter, from: later(filter.from, outer) } };
}

/**
 * The text index walked in page order, one date window at a time (newest first, or oldest first),
 * until the page is full: for words in about 1 event in 1,000 to 1 in 50 (one actor among 200),
 * too many for reading and sorting all their candidates, too few for testing the newest rows one by
 * one. Each window's query reads only the candidates inside it (PostgreSQL: the trigram index's
 * bitmap ANDed with the time index's; SQLite: see the caller's WindowPage). `firstSpanMs` is a guess
 * at the span holding a page (from the sample of newest events); a wrong guess costs windows, not rows.
 * The windows cover the search's range once and in order, so their pages joined are the search's page.
 */
export async function walkWindows(db: DbOrTrx, organizationId: string, filter: AuditFilter, limit: number, firstSpanMs: number, page: WindowPage) {
  const found: AuditEventRow[] = [];
  for await (const window of windows(db, organizationId, filter, firstSpanMs)) {
    if (window.from !== undefined && window.to !== undefined && window.from >= window.to) continue;
    found.push(...(await page(window, limit - found.length)));
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * SQLite: the least and greatest rowid of a walk window's rows (those passing its exact filters),
 * read from the index its page reads (every index holds the rowid), so that the FTS5 table reads only
 * its candidates in that run of rowids: a log is written in time order, so a window's rows are a short
 * run, where the whole posting list of "12@" (actor12@ and actor112@) holds 110,000 rowids at
 * 10,000,000 events. Exact in any order (every row of the window is in its span), only slower when
 * rows were written out of time order. 'empty' when no row passes; undefined when more than `limit` do.
 */
export async function rowidSpan(db: DbOrTrx, organizationId: string, window: AuditFilter, limit: number): Promise<RowidSpan | 'empty' | undefined> {
  // No order: SQLite then reads the index of the exact filters, which holds every row's rowid (with
  // the page's order it may read the (organization, time) index and each row for its risk: 50 ms).
  const rows = ordered(db, organizationId, window, window.sort !== 'oldest')
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`rowid`.as('r'))
    .limit(limit + 1);
  const { rows: found } = await sql<{ lo: number | null; hi: number | null; n: number }>`select min(r) as lo, max(r) as hi, count(*) as n
    from (${rows}) as w`.execute(db);
  const [{ lo, hi, n }] = found;
  if (Number(n) === 0) return 'empty';
  return Number(n) > limit ? undefined : { lo: Number(lo), hi: Number(hi) };
}
