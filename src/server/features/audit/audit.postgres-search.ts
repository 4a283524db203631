import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { exactFilters, ordered, textCandidates, textMatches, type TextSearch } from './audit.query.js';
import type { AuditEventRow } from './audit.table.js';
import type { TextTerm } from './audit.text-window.js';

/** PostgreSQL's steps of a text search (the choice between them is postgresSearch's, in audit.repository.ts). */

interface ExplainedPlan {
  Plan: { Plans: { 'Plan Rows': number }[] };
}

/**
 * Whether the planner expects the text index to hold few candidates (at most `cap`, or no more than
 * its floor of 1 row in 10,000: none of the 1,000 sampled rows of migration 0025 matched).
 * An estimate from statistics, no rows read: it only orders the two steps, each of which is exact.
 */
export async function looksRare(db: DbOrTrx, indexed: TextTerm[], cap: number): Promise<boolean> {
  const { rows } = await sql<{ 'QUERY PLAN': ExplainedPlan[] }>`explain (format json)
    select 1 from audit_events where ${textCandidates('postgres', indexed)} union all select 1 from audit_events`.execute(db);
  const [text, all] = rows[0]['QUERY PLAN'][0].Plan.Plans.map((plan) => plan['Plan Rows']);
  return text <= Math.max(cap, all * 0.0002);
}

type WindowRow = AuditEventRow & { window_row: number | string; hit: boolean | number };

/**
 * The matching rows among the newest `window` rows that pass the exact filters, read in page order
 * until the page is full. `complete` when those rows are the answer: the page is full, or fewer than
 * `window` rows pass the exact filters (all of them were tested). The window's last row comes back
 * as a marker (hit false) when the window was full.
 */
export async function recentMatches({ db, organizationId, filter, terms, limit }: TextSearch, window: number) {
  const direction = sql.raw(filter.sort === 'oldest' ? 'asc' : 'desc');
  const newest = ordered(db, organizationId, filter, filter.sort !== 'oldest').limit(window);
  const { rows } = await sql<WindowRow>`select * from (select w.*, row_number() over (order by created_at ${direction}, id ${direction}) as window_row,
      ${textMatches(terms)} as hit from (${newest}) as w) as x
    where hit or window_row = ${window} order by created_at ${direction}, id ${direction} limit ${limit}`.execute(db);
  const found = rows.filter((row) => Boolean(row.hit)).map(({ window_row: _n, hit: _h, ...row }) => row);
  const windowFull = rows.some((row) => Number(row.window_row) === window);
  return { found, complete: found.length === limit || !windowFull };
}

type CandidateRow = AuditEventRow & { candidates: number | string; nth: number | string; hit: boolean };

/**
 * The index plan for terms the newest events do not hold: the GIN index's candidates for the
 * windows, read once, when they number at most `cap` (the page is then every matching candidate,
 * sorted); null when they are more. One statement reads the candidates (up to cap + 1: a common window
 * stops there), counts them, and tests each against the organization, the exact filters and the
 * per-column test; the first candidate comes back as a marker (hit false), so the count comes back
 * when none matches.
 * The candidates are read in a subquery that nothing else narrows, so the GIN index alone drives:
 * the planner puts a rare window at a thousandth of the log (about ten times too many) and would AND
 * the exact filter's index into the bitmap (risk high: 244,000 entries of its index, 46 ms, to
 * narrow 1,169 candidates to 554 at 10,000,000 events).
 */
export async function fewCandidates(
  { db, organizationId, filter, terms, limit }: TextSearch,
  windows: TextTerm[],
  cap: number,
): Promise<AuditEventRow[] | null> {
  const desc = filter.sort !== 'oldest';
  const direction = sql.raw(desc ? 'desc' : 'asc');
  const candidates = db
    .selectFrom('audit_events')
    .selectAll()
    .where(textCandidates('postgres', windows))
    .limit(cap + 1);
  // The subquery takes the table's name, so the exact filters read its columns.
  const tested = db
    .selectFrom(candidates.as('audit_events'))
    .selectAll()
    .select((eb) => [
      sql<string>`count(*) over ()`.as('candidates'),
      sql<string>`row_number() over ()`.as('nth'),
      eb.and([eb('organization_id', '=', organizationId), exactFilters(eb, filter, desc), textMatches(terms)]).as('hit'),
    ]);
  const { rows } = await sql<CandidateRow>`select * from (${tested}) as x
    where hit or nth = 1 order by created_at ${direction}, id ${direction} limit ${limit + 1}`.execute(db);
  if (Number(rows[0]?.candidates ?? 0) > cap) return null;
  return rows
    .filter((row) => row.hit)
    .slice(0, limit)
    .map(({ candidates: _c, nth: _n, hit: _h, ...row }) => row);
}
