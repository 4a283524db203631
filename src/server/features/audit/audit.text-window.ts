import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';

export type TextColumn = 'action' | 'actor_label' | 'subject_label' | 'reason';

/** A text filter: `column` null is free text (any of the four columns). */
export interface TextTerm {
  column: TextColumn | null;
  text: string;
}

/** How many of the organization's newest events are read to tell a term's rare trigrams from its common ones. */
export const SAMPLE_ROWS = 500;

/**
 * A trigram found in at most this share of the sample may widen a window (its posting list is short).
 * PostgreSQL widens further: its GIN index reads a posting list of a fifth of the log in a few
 * milliseconds, while each candidate it would have removed is a heap row fetched and tested. At
 * 10,000,000 events, Subject "person555@" read "555@" (every actor and subject holding 555) at 0.05
 * and "on555@" at 0.2: the bench's rare-subject p95 fell from 411 to 91 ms (bench/audit.ts).
 */
const RARE_SHARE = { sqlite: 0.05, postgres: 0.2 } as const;

/** A window holds at most this many trigrams (six characters): more narrow little and read more lists. */
const WINDOW_TRIGRAMS = 4;

/** At most this many distinct trigrams of a search are counted in the sample (a long phrase has one per character). */
export const TRIGRAM_PROBES = 24;

export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The four columns as the text index holds them, lower-cased and joined by newlines (PostgreSQL: the
 * expression of migration 0024's GIN index; SQLite: the same text, for counting in the sample only).
 */
export function joinedText(dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres'
    ? sql`lower(action || E'\\n' || coalesce(actor_label, '') || E'\\n' || coalesce(subject_label, '') || E'\\n' || coalesce(reason, ''))`
    : sql`lower(action || char(10) || coalesce(actor_label, '') || char(10) || coalesce(subject_label, '') || char(10) || coalesce(reason, ''))`;
}

/**
 * The characters a term's windows are cut from: on PostgreSQL the lower-cased term, as the LIKE
 * pattern compares it (lower-casing a part of a word alone can differ: a final sigma); on SQLite the
 * term as typed (FTS5 folds each character of the query as it folds the text).
 */
function charsOf(term: TextTerm, dialect: 'sqlite' | 'postgres'): string[] {
  return [...(dialect === 'postgres' ? term.text.toLowerCase() : term.text)];
}

/** Whether the term is one trigram (three characters): its own rare window, whatever a sample counts. */
export function isOneTrigram(term: TextTerm, dialect: 'sqlite' | 'postgres'): boolean {
  return charsOf(term, dialect).length === 3;
}

/** The term's trigrams by position: trigram i is characters i .. i + 2. */
export function trigramsAt(chars: string[]): string[] {
  return chars.slice(2).map((_, i) => chars.slice(i, i + 3).join(''));
}

/** A window as positions in its term: trigrams `first` .. `last`. */
type Span = [first: number, last: number];

/** The span one trigram wider, toward its rarer neighbour (the later on a tie) if that one counts at most `limit`; else null. */
function widerSpan([first, last]: Span, counts: number[], limit: number): Span | null {
  const left = first > 0 ? counts[first - 1] : Infinity;
  const right = last + 1 < counts.length ? counts[last + 1] : Infinity;
  if (Math.min(left, right) > limit) return null;
  return right <= left ? [first, last + 1] : [first - 1, last];
}

/** The characters of a span's trigrams. */
const textOf = (chars: string[], [first, last]: Span) => chars.slice(first, last + 3).join('');

/** The span of rareWindow. */
function rareSpan(counts: number[], rare: number): Span {
  let best = 0;
  counts.forEach((count, i) => {
    if (count <= counts[best]) best = i;
  });
  let span: Span = [best, best];
  while (span[1] - span[0] + 1 < WINDOW_TRIGRAMS) {
    const wider = widerSpan(span, counts, rare);
    if (!wider) break;
    span = wider;
  }
  return span;
}

/**
 * The part of a term the text index reads: the term's rarest trigram (fewest rows of the sample),
 * widened to the neighbouring trigrams that are rare too (at most `rare` rows), up to WINDOW_TRIGRAMS.
 * Every row holding the term holds this part of it, so its candidates are a superset of the term's;
 * the per-column test decides. A common trigram ("per" of "person1234@") is left out: its posting
 * list is as long as the log, and reading it costs more than the few candidates it would remove.
 * Ties go to the later trigram (a word's end is usually its specific part: "1234@" of "person1234@").
 */
export function rareWindow(chars: string[], counts: number[], rare: number): string {
  return textOf(chars, rareSpan(counts, rare));
}

/**
 * How many of the organization's newest SAMPLE_ROWS events hold each probe (in its column, or in any
 * of the four): one read of the newest rows through the (organization, created_at) index.
 */
async function sampleCounts(db: DbOrTrx, organizationId: string, terms: TextTerm[], probes: TextTerm[]) {
  const dialect = dialectOf(db);
  // Each column lower-cased once per row (not once per probe).
  const like = ({ column, text }: TextTerm) => sql`${sql.ref(column ?? 'joined')} like ${likePattern(text)} escape '\\'`;
  const holds = (...all: TextTerm[]) => sql`sum(case when ${sql.join(all.map(like), sql` and `)} then 1 else 0 end)`;
  const newest = db
    .selectFrom('audit_events')
    .select([
      'created_at',
      sql<string>`${joinedText(dialect)}`.as('joined'),
      ...(['action', 'actor_label', 'subject_label', 'reason'] as const).map((c) => sql<string>`lower(${sql.ref(c)})`.as(c)),
    ])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .limit(SAMPLE_ROWS);
  const { rows } = await sql<Record<string, number | string | null>>`select count(*) as n, ${holds(...terms)} as hits,
    min(created_at) as oldest, max(created_at) as newest, ${sql.join(
      probes.map((probe, i) => sql`${holds(probe)} as ${sql.ref(`p${i}`)}`),
    )} from (${newest}) as sample`.execute(db);
  const [row] = rows;
  const spanMs = row.newest === null ? 0 : Date.parse(String(row.newest)) - Date.parse(String(row.oldest));
  return { rows: Number(row.n), hits: Number(row.hits ?? 0), spanMs, counts: probes.map((_, i) => Number(row[`p${i}`] ?? 0)) };
}

/** The terms narrowed to their windows, and how to widen them (for terms whose windows match too many rows). */
export interface Narrowed {
  windows: TextTerm[];
  /**
   * The windows after `step` widenings by a trigram, each toward its rarer neighbour of at most
   * WIDEN_SHARE of the sample ("106@" of "person106@bench", then "n106@"), or null when none widens that far.
   */
  wider: (step: number) => TextTerm[] | null;
  /** Whether the terms matched at least COMMON_SHARE of the sample: a scan in page order soon fills a page. */
  common: boolean;
  /** Whether the terms matched none of the sample (rare, or absent: only then can common trigrams together be rare). */
  unseen: boolean;
  /** A guess at the time span (ms) holding a page of `pageSize` matches, from the sample's rate of hits (see walkWindows). */
  spanFor(pageSize: number): number;
  /** A guess at the time span (ms) holding `events` events (matching or not), from the sample's rate. */
  spanOf(events: number): number;
}

/** A window widens (Narrowed.wider) only by a trigram found in at most this share of the sample: its posting list is read too. */
const WIDEN_SHARE = 0.1;

/** Terms found in this share of the newest events fill a page of 50 within a few thousand rows of a scan. */
const COMMON_SHARE = 0.02;

/**
 * Each indexed term narrowed to its rare window (see rareWindow), from the trigram counts of the
 * organization's newest events. Only which part of the term the index reads depends on the sample:
 * every window is a part of its term, so any choice finds every row the term matches.
 */
export async function narrowTerms(db: DbOrTrx, organizationId: string, terms: TextTerm[], indexed: TextTerm[]): Promise<Narrowed> {
  const dialect = dialectOf(db);
  const positions = indexed.map((term) => trigramsAt(charsOf(term, dialect)));
  const probes: TextTerm[] = [];
  const key = (column: TextColumn | null, text: string) => `${column ?? ''}\n${text}`;
  const slot = new Map<string, number>();
  indexed.forEach((term, t) =>
    positions[t].forEach((text) => {
      if (slot.has(key(term.column, text)) || probes.length >= TRIGRAM_PROBES) return;
      slot.set(key(term.column, text), probes.length);
      probes.push({ column: term.column, text });
    }),
  );
  const { rows, hits, spanMs, counts } = await sampleCounts(db, organizationId, terms, probes);
  // A trigram past the probes' limit was not counted: it counts as common (never chosen, never widens).
  // So, on PostgreSQL, does one without a letter or digit (pg_trgm cuts words at other characters, so
  // such a pattern gives the index no trigram to look up: it would read all of it), and one where a
  // word starts after such a character: pg_trgm looks "3@b" up as "  b", a word starting with b,
  // in every row of the bench ("@bench"); "on53@b" read 4,758 index pages for 1,727 candidates, 38 ms.
  const counted = (text: string) => dialect === 'sqlite' || (/[\p{L}\p{N}]/u.test(text) && !/[^\p{L}\p{N}][\p{L}\p{N}]/u.test(text));
  const countOf = (term: TextTerm, text: string) => (counted(text) ? (counts[slot.get(key(term.column, text)) ?? -1] ?? rows + 1) : rows + 1);
  const termCounts = positions.map((texts, t) => texts.map((text) => countOf(indexed[t], text)));
  const spans = termCounts.map((ofTerm) => rareSpan(ofTerm, Math.floor(rows * RARE_SHARE[dialect])));
  const windowsAt = (spansNow: Span[]) => indexed.map((term, t) => ({ column: term.column, text: textOf(charsOf(term, dialect), spansNow[t]) }));
  const wider = (step: number) => {
    let widened = false;
    const spansThen = spans.map((span, t) => {
      for (let i = 0; i < step; i++) {
        const next = widerSpan(span, termCounts[t], Math.floor(rows * WIDEN_SHARE));
        if (!next) return span;
        span = next;
      }
      widened = true;
      return span;
    });
    return widened ? windowsAt(spansThen) : null;
  };
  return {
    windows: windowsAt(spans),
    wider,
    common: rows > 0 && hits >= rows * COMMON_SHARE,
    unseen: hits === 0,
    spanFor: (pageSize) => (spanMs / Math.max(hits, 1)) * pageSize,
    spanOf: (events) => (spanMs / Math.max(rows, 1)) * events,
  };
}
