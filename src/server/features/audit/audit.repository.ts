import { sql, type ExpressionBuilder } from 'kysely';
import { RECOVERY_ACTIONS, type AuditSort } from '../../../contracts/audit.js';
import type { Database, DbOrTrx } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import type { AuditEventRow } from './audit.table.js';

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
type TextColumn = 'action' | 'actor_label' | 'subject_label' | 'reason';
const TEXT_COLUMNS: readonly TextColumn[] = ['action', 'actor_label', 'subject_label', 'reason'];

/**
 * Phase one of a text search reads at most this many of the newest rows that pass the exact filters:
 * a word in at least 1 row in 400 fills a page from them (50 ms at 10M events, bench/audit.ts).
 */
export const RECENT_WINDOW = 20_000;

/** A text filter: `column` null is free text (any of the four columns). */
interface TextTerm {
  column: TextColumn | null;
  text: string;
}

function patternOf(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function contains(column: TextColumn, text: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like ${patternOf(text)} escape '\\'`;
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

/** Rows in the search's order: created_at then id, both newest or both oldest first. */
function ordered(db: DbOrTrx, organizationId: string, filter: AuditFilter, desc: boolean) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where((eb) => exactFilters(eb, filter, desc))
    .orderBy('created_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc');
}

/**
 * The text index's candidates for the terms it can serve (three characters or more: trigrams).
 * PostgreSQL: the pg_trgm GIN index over the four columns joined (expression as in migration 0024).
 * SQLite: the FTS5 trigram table, one column or all four, as a rowid set.
 */
function textCandidates(dialect: 'sqlite' | 'postgres', terms: TextTerm[]) {
  const indexed = terms.filter((term) => [...term.text].length >= 3);
  if (indexed.length === 0) return null;
  if (dialect === 'postgres') {
    const joined = sql`lower(action || E'\\n' || coalesce(actor_label, '') || E'\\n' || coalesce(subject_label, '') || E'\\n' || coalesce(reason, ''))`;
    return sql<boolean>`${sql.join(
      indexed.map(({ text }) => sql`${joined} like ${patternOf(text)} escape '\\'`),
      sql` and `,
    )}`;
  }
  const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const match = indexed.map(({ column, text }) => (column ? `{${column}} : ${phrase(text)}` : phrase(text))).join(' AND ');
  return sql<boolean>`rowid in (select rowid from audit_events_text where audit_events_text match ${match})`;
}

/**
 * One page of an organization's events in (created_at, id) order, newest or oldest first. Every
 * exact filter (subject, actor, category, risk) leads an index ending in (created_at, id), so a page
 * is a range scan of that index.
 *
 * Text filters (free text, Actor, Subject) in two steps, each exact (the per-column test decides):
 * first the newest RECENT_WINDOW rows that pass the exact filters (a common word fills the page from
 * them); if they hold less than a page, the text index gives the candidates (a rare word has few),
 * sorted into the same order. Both steps return the same rows the per-column test alone would.
 */
export async function listAuditRows(
  db: DbOrTrx,
  organizationId: string,
  filter: AuditFilter,
  limit: number,
  recentWindow = RECENT_WINDOW,
): Promise<AuditEventRow[]> {
  const desc = filter.sort !== 'oldest';
  const terms = textTermsOf(filter);
  if (terms.length === 0) return ordered(db, organizationId, filter, desc).limit(limit).execute();
  const direction = desc ? 'desc' : 'asc';
  const recent = await db
    .selectFrom(ordered(db, organizationId, filter, desc).limit(recentWindow).as('recent'))
    .selectAll()
    .where(textMatches(terms))
    .orderBy('created_at', direction)
    .orderBy('id', direction)
    .limit(limit)
    .execute();
  if (recent.length === limit) return recent;
  const candidates = textCandidates(dialectOf(db), terms);
  let query = ordered(db, organizationId, filter, desc).where(textMatches(terms));
  if (candidates) query = query.where(candidates);
  return query.limit(limit).execute();
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
