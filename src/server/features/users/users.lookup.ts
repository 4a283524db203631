// The command palette's people search: the best few matches for what was typed, each read through an
// index so that it costs milliseconds at a million users. The list's search sorts every match by name
// (hundreds of milliseconds for a term one user in seven matches); a palette needs a handful, soon.
import { sql } from 'kysely';
import type { UserLookup, UserLookupQuery, UserMatch } from '../../../contracts/users.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { RequestContext } from '../../platform/deps.js';
import { readDbOf } from '../../platform/read-routing.js';
import { applyUserFilter, escapeLike, hasTrigrams } from './users.repository.js';
import { ftsPhrase } from './users.trigram-phrase.js';

const DEFAULT_LIMIT = 5;

/**
 * How many trigram matches (of every organization) SQLite's fast substring read looks through in
 * index order. Fewer found than asked: the exact query reads every match (few, or the term is common
 * only elsewhere).
 */
const TRIGRAM_WINDOW = 5_000;

const MATCH_COLUMNS = ['users.id', 'users.name', 'users.email', 'users.status'] as const;

export async function lookupUsers(ctx: RequestContext, query: UserLookupQuery): Promise<UserLookup> {
  const db = await readDbOf(ctx);
  const term = query.q.trim().toLowerCase();
  const limit = query.limit ?? DEFAULT_LIMIT;
  const byEmail = await emailPrefixMatches(db, ctx.organizationId, term, limit);
  if (byEmail.length === limit) return { matches: byEmail };
  // Asked for more than are missing, so that the ones already found by email can be set aside.
  const want = limit + byEmail.length;
  const others = hasTrigrams(term)
    ? await substringMatches(db, ctx.organizationId, term, want, ctx.deps.dialect)
    : await namePrefixMatches(db, ctx.organizationId, term, want);
  const found = new Set(byEmail.map((u) => u.id));
  const rest = others.filter((u) => !found.has(u.id)).sort(byName);
  return { matches: [...byEmail, ...rest.slice(0, limit - byEmail.length)] };
}

function byName(a: UserMatch, b: UserMatch): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The smallest string greater than every string that starts with `prefix`, for an index range. */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** A range of an index on `column` for the prefix (any collation), made exact by LIKE. */
function prefixOf(column: 'users.email_normalized' | 'users.name', prefix: string) {
  return sql<boolean>`${sql.ref(column)} >= ${prefix} AND ${sql.ref(column)} < ${afterPrefix(prefix)} AND ${sql.ref(column)} LIKE ${`${escapeLike(prefix)}%`} ESCAPE '\\'`;
}

function activeOrPast(db: DbOrTrx, organizationId: string) {
  return db.selectFrom('users').select(MATCH_COLUMNS).where('users.organization_id', '=', organizationId).where('users.status', '<>', 'deleted');
}

function emailPrefixMatches(db: DbOrTrx, organizationId: string, term: string, limit: number): Promise<UserMatch[]> {
  return activeOrPast(db, organizationId).where(prefixOf('users.email_normalized', term)).orderBy('users.email_normalized').limit(limit).execute();
}

/** Names that start with the term, as typed and capitalised ("bo": "Bo Li", "bo li"): short terms have no trigrams. */
async function namePrefixMatches(db: DbOrTrx, organizationId: string, term: string, limit: number): Promise<UserMatch[]> {
  const variants = [...new Set([term[0].toUpperCase() + term.slice(1), term])];
  const found = await Promise.all(
    variants.map((prefix) =>
      activeOrPast(db, organizationId).where(prefixOf('users.name', prefix)).orderBy('users.name').orderBy('users.id').limit(limit).execute(),
    ),
  );
  return found.flat();
}

/** Users whose name or email holds the term: the first found in the trigram index's order, not sorted. */
async function substringMatches(db: DbOrTrx, organizationId: string, term: string, limit: number, dialect: Dialect): Promise<UserMatch[]> {
  if (dialect === 'sqlite') {
    // The trigram index drives, read in its order and stopped at the limit: a common term costs as
    // little as a rare one. (Asked through IN, SQLite first collects every match.)
    const { rows } = await sql<UserMatch>`SELECT u.id, u.name, u.email, u.status
      FROM (SELECT rowid FROM users_search WHERE users_search MATCH ${ftsPhrase(term)} LIMIT ${TRIGRAM_WINDOW}) AS s
      CROSS JOIN users AS u ON u.rowid = s.rowid
      WHERE u.organization_id = ${organizationId} AND u.status <> 'deleted' LIMIT ${limit}`.execute(db);
    if (rows.length === limit) return rows;
  }
  // PostgreSQL's planner picks the trigram index for a rare term and the organization's rows, stopped
  // at the limit, for a common one.
  return applyUserFilter(db.selectFrom('users'), organizationId, { search: term }, dialect).select(MATCH_COLUMNS).limit(limit).execute();
}
