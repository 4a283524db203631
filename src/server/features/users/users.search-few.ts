// SQLite: a search that the trigram index finds few users for (a name, a rare word), counted and
// paged in one statement. Asked separately, the count, the check that the index was read whole and
// the page each read the index again and looked up the same users: three readings where one does.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, DbOrTrx } from '../../db/database.js';
import { applyUserFilter, COUNT_CAP, escapeLike, type ListPage, type ListTotal, type UserFilterAt } from './users.repository.js';
import { wholePhrase } from './users.trigram-phrase.js';

/** At most this many of the index's candidates (every organization's) are counted and sorted in one statement. */
export const FEW_CANDIDATES = 2_000;

const SORT_KEYS = { name: 'users.name', email: 'users.email_normalized', created: 'users.created_at', last_active: 'users.last_active_at' } as const;

/**
 * The page's ids (and one more) and the total, when the trigram index holds at most FEW_CANDIDATES
 * users for the search's phrase; null when it holds more (or when a cursor is past the last match,
 * where the statement has no row to carry the total), and the caller reads them the other way.
 */
export async function fewCandidatesPage(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  page: ListPage,
): Promise<({ ids: string[] } & ListTotal) | null> {
  const { search, phrase, ...others } = filter;
  const term = search!.trim().toLowerCase();
  const asked = phrase ?? wholePhrase(term);
  const { rows: candidates } = await sql<{ r: number }>`SELECT rowid AS r FROM users_search WHERE users_search MATCH ${asked.phrase} LIMIT ${
    FEW_CANDIDATES + 1
  }`.execute(db);
  if (candidates.length > FEW_CANDIDATES) return null;
  if (candidates.length === 0) return { ids: [], total: 0, exact: true };
  // CROSS JOIN: SQLite keeps the written order, so the candidates drive and each finds its row by rowid.
  const joined = db
    .selectFrom(sql<{ value: number }>`json_each(${JSON.stringify(candidates.map((c) => c.r))})`.as('c'))
    .crossJoin('users')
    .where(sql<boolean>`users.rowid = c.value`) as unknown as SelectQueryBuilder<Database, 'users', object>;
  const matching = asked.whole ? joined : joined.where(sql<boolean>`users.search_text LIKE ${`%${escapeLike(term)}%`} ESCAPE '\\'`);
  const key = page.sort === 'last_active' ? sql<string>`COALESCE(users.last_active_at, '')` : sql<string>`${sql.ref(SORT_KEYS[page.sort])}`;
  // The count is taken over every match before the cursor narrows them to the page.
  const matches = applyUserFilter(matching, organizationId, others, 'sqlite').select(['users.id', key.as('k'), sql<number>`count(*) OVER ()`.as('n')]);
  const cmp = sql.raw(page.order === 'asc' ? '>' : '<');
  const from = db.selectFrom(matches.as('m')).select(['m.id', 'm.n']);
  const after = page.after ? from.where(sql<boolean>`(m.k, m.id) ${cmp} (${page.after.value ?? ''}, ${page.after.id})`) : from;
  const rows = await after
    .orderBy('m.k', page.order)
    .orderBy('m.id', page.order)
    .limit(page.limit + 1)
    .execute();
  if (rows.length === 0) return page.after ? null : { ids: [], total: 0, exact: true };
  const n = Number(rows[0].n);
  return { ids: rows.map((r) => r.id), ...(n > COUNT_CAP ? { total: COUNT_CAP, exact: false } : { total: n, exact: true }) };
}
