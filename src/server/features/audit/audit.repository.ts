import { sql, type ExpressionBuilder } from 'kysely';
import { RECOVERY_ACTIONS, type AuditSort } from '../../../contracts/audit.js';
import type { Database, DbOrTrx } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import type { AuditEventRow } from './audit.table.js';
import { joinedText, likePattern, narrowTerms, type TextColumn, type TextTerm } from './audit.text-window.js';

export interface AuditFilter {
  q?: string;
  subjectId?: string;
  actorId?: string;
  actor?: string;
  subject?: string;
  category?: string;
  risk?: string;
  /** Inclusive lower bound of created_at. */
  from?: string;
  /** Exclusive upper bound of created_at. */
  to?: string;
  sort?: AuditSort;
  scope?: 'all' | 'recovery';
  /** An event to leave out (an export's own record). */
  excludeId?: string;
  /** Keyset: the last row of the previous page. */
  after?: { createdAt: string; id: string };
}

type Eb = ExpressionBuilder<Database, 'audit_events'>;
const TEXT_COLUMNS: readonly TextColumn[] = ['action', 'actor_label', 'subject_label', 'reason'];

/**
 * How a text search (free text, Actor, Subject) finds its rows; every plan returns the same rows.
 * - `scan`: the exact filters' index in page order, each row tested, until the page is full (cheap
 *   when the words are common: a word in 1 row in 100 fills 50 rows from 5,000).
 * - `index`: the text index's candidates (few when the words are rare), tested and sorted.
 * - `auto`: chooses per search (see listAuditRows).
 */
export type TextPlan = 'auto' | 'scan' | 'index';

/**
 * At most this many text-index candidates are read and sorted (the index plan); a search whose words
 * match more rows than this in the whole log scans instead, where they are dense enough to fill a page soon.
 */
export const CANDIDATE_LIMIT = 2_000;

/**
 * PostgreSQL has no cheap count of a GIN index's candidates, so it scans this many of the newest rows
 * that pass the exact filters first (stopping when the page is full), then reads the index's candidates.
 */
export const RECENT_WINDOW = 20_000;

/** The plan and its thresholds (tests set them small, to take every branch on a small log). */
export interface SearchTuning {
  plan?: TextPlan;
  recentWindow?: number;
  candidateLimit?: number;
}

function contains(column: TextColumn, text: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(text)} escape '\\'`;
}

function textTermsOf(filter: AuditFilter): TextTerm[] {
  const terms: TextTerm[] = [];
  if (filter.actor) terms.push({ column: 'actor_label', text: filter.actor });
  if (filter.subject) terms.push({ column: 'subject_label', text: filter.subject });
  const q = filter.q?.trim();
  if (q) terms.push({ column: null, text: q });
  return terms;
}

/** The exact per-column test: what decides whether a row matches (an index only narrows the candidates). */
function textMatches(terms: TextTerm[]) {
  return sql<boolean>`${sql.join(
    terms.map(({ column, text }) =>
      column
        ? contains(column, text)
        : sql`(${sql.join(
            TEXT_COLUMNS.map((c) => contains(c, text)),
            sql` or `,
          )})`,
    ),
    sql` and `,
  )}`;
}

/** The filters every index can serve (organization, subject, actor, category, risk, dates, keyset). */
function exactFilters(eb: Eb, filter: AuditFilter, desc: boolean) {
  const and = [];
  if (filter.subjectId) and.push(eb('subject_id', '=', filter.subjectId));
  if (filter.actorId) and.push(eb('actor_user_id', '=', filter.actorId));
  if (filter.category) and.push(eb('category', '=', filter.category));
  if (filter.risk) and.push(eb('risk', '=', filter.risk));
  if (filter.scope === 'recovery') and.push(eb.or([eb('category', 'in', ['recovery', 'data_recovery']), eb('action', 'in', [...RECOVERY_ACTIONS])]));
  if (filter.from) and.push(eb('created_at', '>=', filter.from));
  if (filter.to) and.push(eb('created_at', '<', filter.to));
  if (filter.excludeId) and.push(eb('id', '!=', filter.excludeId));
  if (filter.after) and.push(eb(eb.refTuple('created_at', 'id'), desc ? '<' : '>', eb.tuple(filter.after.createdAt, filter.after.id)));
  return eb.and(and);
}

/**
 * Rows in the search's order: created_at then id, both newest or both oldest first. `byOrganization`
 * false hides organization_id from the planner (an expression, so no index leads with it): the text
 * index's candidates then drive the query instead of an (organization, ...) index read in page order.
 */
function ordered(db: DbOrTrx, organizationId: string, filter: AuditFilter, desc: boolean, byOrganization = true) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where(byOrganization ? sql.ref('organization_id') : sql<string>`organization_id || ''`, '=', organizationId)
    .where((eb) => exactFilters(eb, filter, desc))
    .orderBy('created_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc');
}

/** The terms the text index serves: three characters or more (trigrams). */
function indexedTerms(terms: TextTerm[]): TextTerm[] {
  return terms.filter((term) => [...term.text].length >= 3);
}

/** An FTS5 query for the terms: each a phrase, in its column or in any of the four. */
function ftsQuery(terms: TextTerm[]): string {
  const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return terms.map(({ column, text }) => (column ? `{${column}} : ${phrase(text)}` : phrase(text))).join(' AND ');
}

/**
 * The text index's candidates for the indexed terms.
 * PostgreSQL: the pg_trgm GIN index over the four columns joined (expression as in migration 0024).
 * SQLite: the FTS5 trigram table, one column or all four, as a rowid set.
 */
function textCandidates(dialect: 'sqlite' | 'postgres', indexed: TextTerm[], ftsMatch = ftsQuery(indexed)) {
  if (dialect === 'postgres') {
    return sql<boolean>`${sql.join(
      indexed.map(({ text }) => sql`${joinedText('postgres')} like ${likePattern(text)} escape '\\'`),
      sql` and `,
    )}`;
  }
  return sql<boolean>`rowid in (select rowid from audit_events_text where audit_events_text match ${ftsMatch})`;
}

/** The FTS5 table's candidates for `query`, counted up to cap + 1: a common word costs cap rows, a rare one its own. */
async function cappedCount(db: DbOrTrx, query: string, cap: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from (select rowid from audit_events_text where audit_events_text match ${query} limit ${cap + 1})`.execute(db);
  return Number(rows[0].n);
}

/**
 * SQLite: an FTS5 query whose candidates number at most `cap`, or null when the words are common.
 * FTS5 reads every posting list of a phrase, so a phrase of common trigrams ("person1234@" holds
 * "per", "ers", "rso", "son", in every row) reads the whole log. So each term is narrowed to its rare
 * window (audit.text-window.ts: "1234@", by the trigrams' counts among the newest events) and that
 * phrase is counted (capped: cheap, its lists are short). Terms common among the newest events scan
 * at once. Terms the newest events do not hold, whose window is not rare enough, try the AND of the
 * rarest trigrams, three, then six, ... until their candidates are few. Each query finds a superset
 * of the terms' rows; the per-column test decides.
 */
async function sqliteCandidates(db: DbOrTrx, organizationId: string, terms: TextTerm[], indexed: TextTerm[], cap: number): Promise<string | null> {
  const { windows, rarestFirst, common, unseen } = await narrowTerms(db, organizationId, terms, indexed);
  if (common) return null;
  const narrowed = ftsQuery(windows);
  if ((await cappedCount(db, narrowed, cap)) <= cap) return narrowed;
  if (!unseen) return null;
  for (let take = 3; take < rarestFirst.length + 3; take *= 2) {
    const query = `${narrowed} AND ${ftsQuery(rarestFirst.slice(0, take))}`;
    if ((await cappedCount(db, query, cap)) <= cap) return query;
  }
  return null;
}

/** The scan plan: the exact filters' index in page order, every row tested, until the page is full. */
function scan(db: DbOrTrx, organizationId: string, filter: AuditFilter, terms: TextTerm[], limit: number) {
  return ordered(db, organizationId, filter, filter.sort !== 'oldest')
    .where(textMatches(terms))
    .limit(limit)
    .execute();
}

/** The index plan: the text index's candidates, tested and sorted (organization_id hidden, see ordered). */
function fromIndex(db: DbOrTrx, organizationId: string, filter: AuditFilter, terms: TextTerm[], indexed: TextTerm[], limit: number, ftsMatch?: string) {
  return ordered(db, organizationId, filter, filter.sort !== 'oldest', false)
    .where(textMatches(terms))
    .where(textCandidates(dialectOf(db), indexed, ftsMatch))
    .limit(limit)
    .execute();
}

interface ExplainedPlan {
  Plan: { Plans: { 'Plan Rows': number }[] };
}

/**
 * PostgreSQL: whether the planner expects the text index to hold few candidates (at most `cap`, or no
 * more than its floor of 1 row in 10,000: none of the 1,000 sampled rows of migration 0025 matched).
 * An estimate from statistics, no rows read: it only orders the two steps, each of which is exact.
 */
async function looksRare(db: DbOrTrx, indexed: TextTerm[], cap: number): Promise<boolean> {
  const { rows } = await sql<{ 'QUERY PLAN': ExplainedPlan[] }>`explain (format json)
    select 1 from audit_events where ${textCandidates('postgres', indexed)} union all select 1 from audit_events`.execute(db);
  const [text, all] = rows[0]['QUERY PLAN'][0].Plan.Plans.map((plan) => plan['Plan Rows']);
  return text <= Math.max(cap, all * 0.0002);
}

type WindowRow = AuditEventRow & { window_row: number | string; hit: boolean | number };

/**
 * PostgreSQL's first step: the matching rows among the newest `window` rows that pass the exact
 * filters, read in page order until the page is full. `complete` when those rows are the answer: the
 * page is full, or fewer than `window` rows pass the exact filters (all of them were tested). The
 * window's last row comes back as a marker (hit false) when the window was full.
 */
async function recentMatches(db: DbOrTrx, organizationId: string, filter: AuditFilter, terms: TextTerm[], limit: number, window: number) {
  const direction = sql.raw(filter.sort === 'oldest' ? 'asc' : 'desc');
  const newest = ordered(db, organizationId, filter, filter.sort !== 'oldest').limit(window);
  const { rows } = await sql<WindowRow>`select * from (select w.*, row_number() over (order by created_at ${direction}, id ${direction}) as window_row,
      ${textMatches(terms)} as hit from (${newest}) as w) as x
    where hit or window_row = ${window} order by created_at ${direction}, id ${direction} limit ${limit}`.execute(db);
  const found = rows.filter((row) => Boolean(row.hit)).map(({ window_row: _n, hit: _h, ...row }) => row);
  const windowFull = rows.some((row) => Number(row.window_row) === window);
  return { found, complete: found.length === limit || !windowFull };
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
 * - SQLite: the FTS5 table counts the window's candidates up to CANDIDATE_LIMIT (cheap either way);
 *   few, and they are read and sorted; many, and the words are common enough to fill a page from a scan.
 * - PostgreSQL: a GIN index cannot count cheaply; the planner's estimate (statistics of the index's
 *   expression) picks the GIN index's candidates first for rare windows; otherwise the newest
 *   RECENT_WINDOW rows are tested first (a common word fills the page there), and if they do not, the
 *   GIN index's candidates are read and sorted. Words shorter than three characters always scan.
 */
export async function listAuditRows(
  db: DbOrTrx,
  organizationId: string,
  filter: AuditFilter,
  limit: number,
  { plan = 'auto', recentWindow = RECENT_WINDOW, candidateLimit = CANDIDATE_LIMIT }: SearchTuning = {},
): Promise<AuditEventRow[]> {
  const terms = textTermsOf(filter);
  if (terms.length === 0)
    return ordered(db, organizationId, filter, filter.sort !== 'oldest')
      .limit(limit)
      .execute();
  const indexed = indexedTerms(terms);
  if (plan === 'scan' || indexed.length === 0) return scan(db, organizationId, filter, terms, limit);
  if (plan === 'index') {
    const { windows } = await narrowTerms(db, organizationId, terms, indexed);
    return fromIndex(db, organizationId, filter, terms, windows, limit);
  }
  if (dialectOf(db) === 'sqlite') {
    const match = await sqliteCandidates(db, organizationId, terms, indexed, candidateLimit);
    return match ? fromIndex(db, organizationId, filter, terms, indexed, limit, match) : scan(db, organizationId, filter, terms, limit);
  }
  const { windows, common } = await narrowTerms(db, organizationId, terms, indexed);
  if (!common && (await looksRare(db, windows, candidateLimit))) return fromIndex(db, organizationId, filter, terms, windows, limit);
  const recent = await recentMatches(db, organizationId, filter, terms, limit, recentWindow);
  return recent.complete ? recent.found : fromIndex(db, organizationId, filter, terms, windows, limit);
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
