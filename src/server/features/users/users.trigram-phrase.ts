// SQLite's trigram index asked for the rare part of a search term. FTS5 answers a phrase by reading
// the posting list of every trigram in it: at a million users "quillfeather" read those of "ath",
// "the" and "her" (51,000 users each) to find 1,000 matches, 1 ms a read and three reads a page, and
// "example3.test" read ten lists of 600,000 (67 ms a count). The phrase asked is instead the run of
// the term's trigrams that a sample of the users shows to be rare, and each user it finds is tested
// against the whole term (LIKE): the same answer, from short lists.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export interface TrigramPhrase {
  /** The FTS5 phrase to MATCH: the whole term, or a part of it. */
  phrase: string;
  /** Whether every user the phrase finds holds the whole term; when false, each must be tested with LIKE. */
  whole: boolean;
}

/** How many users' search texts the trigram counts are taken from, spread over the table. */
const SAMPLE_SIZE = 2_000;
/** How long a sample serves before the next search takes a new one: the counts only choose a plan. */
const SAMPLE_MAX_AGE_MS = 10 * 60_000;
/** The longest run of trigrams asked for: past four rare ones, another list only costs its reading. */
const MAX_TRIGRAMS = 4;
/** A neighbouring trigram joins the run when it is at most this many times as common as the rarest… */
const NEIGHBOUR_FACTOR = 4;
/** …or rare in itself (in at most this share of the sample). */
const RARE_SHARE = 0.005;

interface TrigramSample {
  takenAt: number;
  size: number;
  /** In how many sampled search texts each trigram appears. */
  counts: Map<string, number>;
}

const samples = new WeakMap<object, Promise<TrigramSample>>();

/** The term's phrase when it is asked as a whole: a phrase with its quotes doubled, lower-cased as search_text is. */
export function wholePhrase(term: string): TrigramPhrase {
  return { phrase: ftsPhrase(term), whole: true };
}

export function ftsPhrase(term: string): string {
  return `"${term.toLowerCase().replace(/"/g, '""')}"`;
}

function trigramsOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= text.length; i++) out.push(text.slice(i, i + 3));
  return out;
}

/**
 * The phrase to ask SQLite's trigram index for `term` (3+ characters, lower-cased). Only plain ASCII
 * terms are narrowed: FTS5 folds other characters' case its own way, and a part of the term must find
 * every user the whole term does.
 */
export async function trigramPhrase(db: DbOrTrx, term: string): Promise<TrigramPhrase> {
  if (!/^[\x20-\x7e]+$/.test(term) || term.length < 4) return wholePhrase(term);
  return phraseFromSample(term, await sampleOf(db));
}

/**
 * The run of the term's trigrams to ask for: from the rarest in the sample, joined by each neighbour
 * that is at most NEIGHBOUR_FACTOR times as common or rare in itself, up to MAX_TRIGRAMS.
 */
export function phraseFromSample(term: string, sample: Pick<TrigramSample, 'size' | 'counts'>): TrigramPhrase {
  const counts = trigramsOf(term).map((t) => sample.counts.get(t) ?? 0);
  const rarest = Math.min(...counts);
  let first = counts.indexOf(rarest);
  let last = first;
  const joins = (count: number | undefined) => count !== undefined && count <= Math.max(rarest * NEIGHBOUR_FACTOR, sample.size * RARE_SHARE);
  while (last - first + 1 < MAX_TRIGRAMS) {
    const [left, right] = [counts[first - 1], counts[last + 1]];
    if (joins(left) && (!joins(right) || left <= right)) first--;
    else if (joins(right)) last++;
    else break;
  }
  if (first === 0 && last === counts.length - 1) return wholePhrase(term);
  return { phrase: ftsPhrase(term.slice(first, last + 3)), whole: false };
}

function sampleOf(db: DbOrTrx): Promise<TrigramSample> {
  const kept = samples.get(db);
  const fresh = kept?.then((s) => (Date.now() - s.takenAt < SAMPLE_MAX_AGE_MS ? s : null));
  const sample = (fresh ?? Promise.resolve(null)).then((s) => s ?? takeSample(db));
  samples.set(db, sample);
  // A failed read is not kept: the next search tries again.
  sample.catch(() => samples.delete(db));
  return sample;
}

/** Reads SAMPLE_SIZE users' search texts at evenly spread rowids (every organization's: so is the index). */
async function takeSample(db: DbOrTrx): Promise<TrigramSample> {
  const takenAt = Date.now();
  const { rows: ends } = await sql<{ lo: number | null; hi: number | null }>`SELECT min(rowid) AS lo, max(rowid) AS hi FROM users`.execute(db);
  const lo = Number(ends[0]?.lo ?? 0);
  const hi = Number(ends[0]?.hi ?? 0);
  const step = Math.max(1, (hi - lo + 1) / SAMPLE_SIZE);
  const rowids = new Set<number>();
  for (let r = lo; r <= hi && rowids.size < SAMPLE_SIZE; r += step) rowids.add(Math.floor(r));
  const { rows } = await sql<{ search_text: string }>`SELECT search_text FROM users WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify([
    ...rowids,
  ])}))`.execute(db);
  const counts = new Map<string, number>();
  for (const { search_text } of rows) {
    for (const trigram of new Set(trigramsOf(search_text))) counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return { takenAt, size: rows.length, counts };
}
