import { sql, type ExpressionBuilder } from 'kysely';
import { RECOVERY_ACTIONS, type AuditSort } from '../../../contracts/audit.js';
import type { Database, DbOrTrx } from '../../db/database.js';
import { joinedText, likePattern, type TextColumn, type TextTerm } from './audit.text-window.js';

/** The pieces every search plan is built of: the exact filters, the per-column text test, the text index's candidates. */

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

/** One text search's page: whose log, which filters, the text terms its rows must match, how many rows. */
export interface TextSearch {
  db: DbOrTrx;
  organizationId: string;
  filter: AuditFilter;
  terms: TextTerm[];
  limit: number;
}

type Eb = ExpressionBuilder<Database, 'audit_events'>;
const TEXT_COLUMNS: readonly TextColumn[] = ['action', 'actor_label', 'subject_label', 'reason'];

function contains(column: TextColumn, text: string, unindexed: boolean) {
  const value = unindexed ? sql`(${sql.ref(column)} || '')` : sql.ref(column);
  return sql<boolean>`lower(${value}) like ${likePattern(text)} escape '\\'`;
}

export function textTermsOf(filter: AuditFilter): TextTerm[] {
  const terms: TextTerm[] = [];
  if (filter.actor) terms.push({ column: 'actor_label', text: filter.actor });
  if (filter.subject) terms.push({ column: 'subject_label', text: filter.subject });
  const q = filter.q?.trim();
  if (q) terms.push({ column: null, text: q });
  return terms;
}

/**
 * The exact per-column test: what decides whether a row matches (an index only narrows the candidates).
 * `unindexed` hides the columns from the text indexes, so that the exact filters' index reads the rows
 * in page order (PostgreSQL would otherwise AND in the subject's GIN index for the whole term, whose
 * common trigrams' posting lists are as long as the log: 300 ms for "person185@").
 */
export function textMatches(terms: TextTerm[], { unindexed = false } = {}) {
  return sql<boolean>`${sql.join(
    terms.map(({ column, text }) =>
      column
        ? contains(column, text, unindexed)
        : sql`(${sql.join(
            TEXT_COLUMNS.map((c) => contains(c, text, unindexed)),
            sql` or `,
          )})`,
    ),
    sql` and `,
  )}`;
}

/** The filters every index can serve (organization, subject, actor, category, risk, dates, keyset). */
export function exactFilters(eb: Eb, filter: AuditFilter, desc: boolean) {
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
export function ordered(db: DbOrTrx, organizationId: string, filter: AuditFilter, desc: boolean, byOrganization = true) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where(byOrganization ? sql.ref('organization_id') : sql<string>`organization_id || ''`, '=', organizationId)
    .where((eb) => exactFilters(eb, filter, desc))
    .orderBy('created_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc');
}

/** The terms the text index serves: three characters or more (trigrams). */
export function indexedTerms(terms: TextTerm[]): TextTerm[] {
  return terms.filter((term) => [...term.text].length >= 3);
}

/** An FTS5 query for the terms: each a phrase, in its column or in any of the four. */
export function ftsQuery(terms: TextTerm[]): string {
  const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return terms.map(({ column, text }) => (column ? `{${column}} : ${phrase(text)}` : phrase(text))).join(' AND ');
}

/** A run of rowids (inclusive): where a walk window's rows lie (see rowidSpan). */
export interface RowidSpan {
  lo: number;
  hi: number;
}

/**
 * SQLite: the FTS5 query's condition for rowids in `span` (nothing without one). The bounds are cast:
 * better-sqlite3 binds a JS number as a REAL, and FTS5 does not seek to a REAL bound (at 10,000,000
 * events a span of 14,000 rowids took 12 ms instead of 0.1 ms).
 */
export function withinSpan(span: RowidSpan | undefined) {
  return span ? sql` and rowid >= cast(${span.lo} as integer) and rowid <= cast(${span.hi} as integer)` : sql``;
}

/**
 * The text index's candidates for the indexed terms.
 * PostgreSQL: the pg_trgm GIN index over the four columns joined (expression as in migration 0024);
 * a Subject term reads the subject label's own index (migration 0030), where the other columns add no candidates.
 * SQLite: the FTS5 trigram table, one column or all four, as a rowid set; `drives` false keeps
 * the set from leading the query (the walk plan reads a date window of an index in page order instead);
 * `span` reads only the candidates among those rowids.
 */
export function textCandidates(dialect: 'sqlite' | 'postgres', indexed: TextTerm[], { drives = true, span }: { drives?: boolean; span?: RowidSpan } = {}) {
  if (dialect === 'postgres') {
    return sql<boolean>`${sql.join(
      indexed.map(
        ({ column, text }) => sql`${column === 'subject_label' ? sql`lower(subject_label)` : joinedText('postgres')} like ${likePattern(text)} escape '\\'`,
      ),
      sql` and `,
    )}`;
  }
  // `+rowid` (an expression, not the column): SQLite then cannot drive the query from the candidates;
  // it reads an index in page order and tests each entry's rowid against them before reading its row.
  return sql<boolean>`${sql.raw(drives ? 'rowid' : '+rowid')} in (select rowid from audit_events_text where audit_events_text match ${ftsQuery(indexed)}${withinSpan(span)})`;
}

/** SQLite: rows among these rowids (the FTS5 candidates, read once: see candidateRowids). */
export function amongRowids(rowids: number[]) {
  return sql<boolean>`rowid in (select value from json_each(${JSON.stringify(rowids)}))`;
}
