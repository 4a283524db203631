import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import {
  amongRowids,
  ftsQuery,
  indexedTerms,
  ordered,
  textCandidates,
  textMatches,
  textTermsOf,
  withinSpan,
  type AuditFilter,
  type RowidSpan,
  type TextSearch,
} from './audit.query.js';
import type { AuditEventRow } from './audit.table.js';
import { isOneTrigram, narrowTerms, type Narrowed, type TextTerm } from './audit.text-window.js';
import { fewCandidates as fewPostgresCandidates, looksRare, recentMatches } from './audit.postgres-search.js';
import { firstWindow, rowidSpan, walkWindows, WIDENING } from './audit.text-walk.js';

export type { AuditFilter } from './audit.query.js';

/**
 * How a text search (free text, Actor, Subject) finds its rows; every plan returns the same rows.
 * - `scan`: the exact filters' index in page order, each row tested, until the page is full (cheap
 *   when the words are common: a word in 1 row in 100 fills 50 rows from 5,000).
 * - `index`: the text index's candidates (few when the words are rare), tested and sorted.
 * - `walk`: the text index's candidates one date window at a time in page order (see walkWindows),
 *   for words too common for the index plan and too rare for the scan.
 * - `auto`: chooses per search (see listAuditRows).
 */
export type TextPlan = 'auto' | 'scan' | 'index' | 'walk';

/**
 * At most this many text-index candidates are read and sorted (the index plan); a search whose words
 * match more rows than this in the whole log scans instead, where they are dense enough to fill a page soon.
 */
export const CANDIDATE_LIMIT = 2_000;

/**
 * PostgreSQL's limit for reading a term's candidates at once (fewCandidates in audit.postgres-search.ts):
 * each is a heap page read anywhere in the log (a rare subject holds about 550 at 10,000,000 events);
 * past it, the read stops and the search walks (the GIN bitmap ANDed with the time index's, a window at a time).
 */
export const POSTGRES_CANDIDATE_LIMIT = 2_000;

/**
 * PostgreSQL has no cheap count of a GIN index's candidates, so it scans this many of the newest rows
 * that pass the exact filters first (stopping when the page is full), then reads the index's candidates.
 */
export const RECENT_WINDOW = 20_000;

/**
 * PostgreSQL: a term not common among the newest events first tests every event in the time span the
 * sample's rate gives this many events (the walk's first window, read in page order, with the text
 * hidden from the GIN indexes): a term in 1 event in 200 fills a page of 50 there (75 expected), while
 * the sample of 500 holds none of it one time in 12 and two or three most often, too few to size a
 * window by. At 10,000,000 events 15,000 events take about 8 ms to test one column; one GIN lookup of
 * such a term (its window "r13@" is in 60,000 rows, the bitmap ANDed with the time index's) takes
 * 25 ms whatever the window, and a window sized from the sample's hits needed two lookups half the time.
 * 0: none.
 */
export const SCAN_ROWS = 15_000;

/**
 * SQLite's walk reads a window's rowid span (see rowidSpan) when the window holds at most this many
 * rows that pass the exact filters (an index read of 200,000 entries takes about 5 ms); past that, the
 * window's FTS5 candidates are read whole.
 */
export const SPAN_LIMIT = 200_000;

/**
 * An unseen term's windows widen at most this many times (each a count of longer posting lists), then
 * the walk reads the narrowest windows tried.
 */
const WIDENINGS = 3;

/** The plan and its thresholds (tests set them small, to take every branch on a small log). */
export interface SearchTuning {
  plan?: TextPlan;
  recentWindow?: number;
  candidateLimit?: number;
  scanRows?: number;
  spanLimit?: number;
}

/**
 * The FTS5 table's candidates for `query` (rowids, within `span` when given), read up to cap + 1: a
 * common word costs cap rows, a rare one its own.
 */
async function candidateRowids(db: DbOrTrx, query: string, cap: number, span?: RowidSpan): Promise<number[]> {
  const { rows } = await sql<{ r: number }>`select rowid as r from audit_events_text where audit_events_text match ${query}${withinSpan(span)}
    limit ${cap + 1}`.execute(db);
  return rows.map((row) => row.r);
}

/**
 * SQLite: the FTS5 candidates of the terms when they number at most `cap` (rowids: the search then
 * reads them without running the FTS5 query again), else null, with the narrowest windows tried.
 * FTS5 reads every posting list of a phrase, so a phrase of common trigrams ("person1234@" holds
 * "per", "ers", "rso", "son", in every row) reads the whole log. So each term is narrowed to its rare
 * window (audit.text-window.ts: "1234@", by the trigrams' counts among the newest events) and that
 * phrase's candidates are read (capped: cheap, its lists are short). Terms the newest events do not
 * hold whose windows have too many candidates widen them a trigram at a time (Narrowed.wider): the
 * window "106@" of "person106@bench" is in every event of actor106@bench, "n106@" only in person106's.
 * A phrase keeps its trigrams together in one column, where ANDed trigrams could each be in another.
 */
async function fewCandidates(db: DbOrTrx, { windows, wider, unseen }: Narrowed, cap: number) {
  let tried = windows;
  for (let step = 1; ; step++) {
    const rowids = await candidateRowids(db, ftsQuery(tried), cap);
    if (rowids.length <= cap) return { windows: tried, rowids };
    const next = unseen && step <= WIDENINGS ? wider(step) : null;
    if (!next) return { windows: tried, rowids: null };
    tried = next;
  }
}

/** SQLite: at most `cap` FTS5 candidates are read at once; a walk window's rowid span is read up to `spanLimit` rows. */
interface IndexLimits {
  cap: number;
  spanLimit: number;
}

/**
 * SQLite's choice. Terms of one trigram each are their own windows, so the sample could not narrow
 * them: their capped candidates come first, and few are read at once without the sample.
 * Otherwise terms common among the newest events scan; terms with few candidates read them; the rest
 * (about 1 event in 1,000 to 1 in 50) walk the FTS5 candidates of their windows in date windows.
 */
async function sqliteSearch(search: TextSearch, indexed: TextTerm[], { cap, spanLimit }: IndexLimits) {
  const { db, organizationId, terms, limit } = search;
  if (indexed.every((term) => isOneTrigram(term, 'sqlite'))) {
    const rowids = await candidateRowids(db, ftsQuery(indexed), cap);
    if (rowids.length <= cap) return fromIndex(search, amongRowids(rowids));
  }
  const narrowed = await narrowTerms(db, organizationId, terms, indexed);
  if (narrowed.common) return scan(search);
  const { windows, rowids } = await fewCandidates(db, narrowed, cap);
  if (rowids) return fromIndex(search, amongRowids(rowids));
  return walk(search, windows, narrowed.spanFor(limit), { cap, spanLimit });
}

/** The scan plan: the exact filters' index in page order, every row tested, until the page is full. */
function scan({ db, organizationId, filter, terms, limit }: TextSearch, unindexed = false) {
  return ordered(db, organizationId, filter, filter.sort !== 'oldest')
    .where(textMatches(terms, { unindexed }))
    .limit(limit)
    .execute();
}

/** The index plan: the text index's candidates, tested and sorted (organization_id hidden, see ordered). */
function fromIndex({ db, organizationId, filter, terms, limit }: TextSearch, candidates: RawBuilder<boolean>) {
  return ordered(db, organizationId, filter, filter.sort !== 'oldest', false)
    .where(textMatches(terms))
    .where(candidates)
    .limit(limit)
    .execute();
}

/**
 * The walk plan: the text index's candidates one date window at a time, in page order (see
 * walkWindows). On SQLite each window's FTS5 candidates are read within its rowid span (rowidSpan):
 * when they are few (at most `cap`) their rows are read and sorted, as the index plan does; an index
 * read of the window tests each entry against them (about 0.1 µs an entry: 15 ms for a window of
 * 150,000 events, where reading 800 candidates takes 1 ms).
 */
function walk(search: TextSearch, windows: TextTerm[], firstSpanMs: number, tuning: IndexLimits) {
  const { db, organizationId, filter, terms, limit } = search;
  const dialect = dialectOf(db);
  return walkWindows(db, organizationId, filter, limit, firstSpanMs, async (window, n) => {
    const span = dialect === 'sqlite' ? await rowidSpan(db, organizationId, window, tuning.spanLimit) : undefined;
    if (span === 'empty') return [];
    if (span) {
      const rowids = await candidateRowids(db, ftsQuery(windows), tuning.cap, span);
      if (rowids.length <= tuning.cap) return fromIndex({ ...search, filter: window, limit: n }, amongRowids(rowids));
    }
    return ordered(db, organizationId, window, window.sort !== 'oldest')
      .where(textMatches(terms))
      .where(textCandidates(dialect, windows, { drives: false, span }))
      .limit(n)
      .execute();
  });
}

/**
 * One page of an organization's events in (created_at, id) order, newest or oldest first. Every
 * exact filter (subject, actor, category, risk) leads an index ending in (created_at, id), so a page
 * is a range scan of that index.
 *
 * Text filters (free text, Actor, Subject) choose a plan by how many rows their words match (every
 * plan returns exactly the rows the per-column test alone would; `plan` forces one, for tests). First
 * the organization's newest SAMPLE_ROWS events are counted (audit.text-window.ts): terms common there
 * scan; otherwise the index reads only each term's rare window ("1234@" of "person1234@bench"), not
 * its common trigrams, whose posting lists are as long as the log.
 * - SQLite: the FTS5 table reads the window's candidates up to CANDIDATE_LIMIT (cheap either way);
 *   few, and their rows are read and sorted; many, and the index is walked in date windows
 *   (walkWindows), each reading only the candidates in its run of rowids (rowidSpan).
 * - PostgreSQL: a GIN index cannot count cheaply; terms common in the sample test the newest
 *   RECENT_WINDOW rows first (they fill the page there); terms the sample does not hold (or the
 *   planner expects to be rare) read the GIN index's candidates once when they are at most
 *   POSTGRES_CANDIDATE_LIMIT; the others, and those with more candidates, test the newest SCAN_ROWS
 *   events (Actor terms alone do so first), then walk the index in date windows.
 * Terms of one trigram skip the sample where the index alone can tell (sqliteSearch, postgresSearch).
 * Words shorter than three characters always scan.
 */
export async function listAuditRows(
  db: DbOrTrx,
  organizationId: string,
  filter: AuditFilter,
  limit: number,
  { plan = 'auto', recentWindow = RECENT_WINDOW, candidateLimit, spanLimit = SPAN_LIMIT, scanRows = SCAN_ROWS }: SearchTuning = {},
): Promise<AuditEventRow[]> {
  const terms = textTermsOf(filter);
  if (terms.length === 0)
    return ordered(db, organizationId, filter, filter.sort !== 'oldest')
      .limit(limit)
      .execute();
  const indexed = indexedTerms(terms);
  const search: TextSearch = { db, organizationId, filter, terms, limit };
  if (plan === 'scan' || indexed.length === 0) return scan(search);
  if (plan === 'index' || plan === 'walk') {
    const narrowed = await narrowTerms(db, organizationId, terms, indexed);
    if (plan === 'index') return fromIndex(search, textCandidates(dialectOf(db), narrowed.windows));
    const cap = candidateLimit ?? CANDIDATE_LIMIT;
    return walk(search, narrowed.windows, narrowed.spanFor(limit), { cap, spanLimit });
  }
  if (dialectOf(db) === 'sqlite') return sqliteSearch(search, indexed, { cap: candidateLimit ?? CANDIDATE_LIMIT, spanLimit });
  return postgresSearch(search, indexed, {
    recentWindow,
    candidateLimit: candidateLimit ?? POSTGRES_CANDIDATE_LIMIT,
    scanRows,
  });
}

/**
 * PostgreSQL's choice. Terms of one trigram each are their own windows: the planner's estimate alone
 * says whether their candidates are few, and then they are read without the sample. Terms common among
 * the newest events test the newest rows first (RECENT_WINDOW), then walk. Terms the sample does not
 * hold read their windows' candidates once (the planner's estimate of a rare window is its floor, a
 * thousandth of the log, so it cannot tell 550 candidates from 50,000), unless they are more than the
 * limit; then they, and the others, test every event of the span the sample's rate gives SCAN_ROWS
 * events, and walk the rest of the range. Actor terms alone scan before reading their candidates.
 */
async function postgresSearch(
  search: TextSearch,
  indexed: TextTerm[],
  { recentWindow, candidateLimit, scanRows }: Required<Pick<SearchTuning, 'recentWindow' | 'candidateLimit' | 'scanRows'>>,
) {
  const { db, organizationId, filter, terms, limit } = search;
  const oneTrigram = indexed.every((term) => isOneTrigram(term, 'postgres'));
  if (oneTrigram && (await looksRare(db, indexed, candidateLimit))) return fromIndex(search, textCandidates('postgres', indexed));
  const narrowed = await narrowTerms(db, organizationId, terms, indexed);
  const { windows, common, unseen } = narrowed;
  const walkRest = (rest: AuditFilter, n: number, firstSpanMs: number) =>
    walk({ ...search, filter: rest, limit: n }, windows, firstSpanMs, { cap: candidateLimit, spanLimit: SPAN_LIMIT });
  const few = () => fewPostgresCandidates(search, windows, candidateLimit);
  if (common) {
    const recent = await recentMatches(search, recentWindow);
    return recent.complete ? recent.found : walkRest(filter, limit, narrowed.spanFor(limit));
  }
  // An unseen term reads its candidates before the scan, unless only Actor terms search: an organization
  // has few actors, each in many events (one in 200 is unseen one time in 12), and their windows' GIN
  // lookups are long ("r17@": 37 ms to count 2,000 candidates); a subject's own index reads a rare
  // subject's in about 10 ms, and free text tests four columns a row.
  const fewFirst = unseen && !terms.every((term) => term.column === 'actor_label');
  const fewFound = fewFirst ? await few() : null;
  if (fewFound) return fewFound;
  const scanSpan = narrowed.spanOf(scanRows);
  const split = scanRows > 0 ? await firstWindow(db, organizationId, filter, scanSpan) : { first: null, rest: filter };
  if (split === null) return [];
  const found = split.first ? await scan({ ...search, filter: split.first }, true) : [];
  if (found.length >= limit || split.rest === null) return found;
  if (!fewFirst && (unseen || (!oneTrigram && (await looksRare(db, windows, candidateLimit))))) {
    const all = await few();
    if (all) return all;
  }
  const next = Math.max(scanSpan * WIDENING, narrowed.spanFor(limit - found.length));
  return [...found, ...(await walkRest(split.rest, limit - found.length, next))];
}

/** Whether the subject has an event with this action at or after `since` (so a flood of refusals is recorded once per window). */
export async function hasRecentEvent(db: DbOrTrx, organizationId: string, subjectId: string, action: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_events')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('subject_id', '=', subjectId)
    .where('created_at', '>=', since)
    .where('action', '=', action)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
