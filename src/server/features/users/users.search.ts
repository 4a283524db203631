// The users list searched: which way a page of matches is found, by how many match and where they sit
// in the page's order. Every way is exact; they differ only in what they read.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, DbOrTrx, Dialect } from '../../db/database.js';
import {
  applyUserFilter,
  COUNT_CAP,
  countMatching,
  escapeLike,
  hasTrigrams,
  holdsTerm,
  sortedUsers,
  sortKey,
  userPageIds,
  type DetailsSpec,
  type ListPage,
  type ListTotal,
  type UserFilterAt,
} from './users.repository.js';
import { usersInOrder, type ListedUserJson } from './users.summaries.js';
import { trigramPhrase, wholePhrase } from './users.trigram-phrase.js';

/** How many users, in page order, the first walk reads before giving up. */
const WALK_BOUND = 2_000;

/**
 * How far the walk goes on when more than COUNT_CAP match but the first walk met fewer than a page:
 * the matches cluster later in the order (every "Ada …" at gmail.com, the term a company's domain).
 * Only where the walk reads an index alone (users__org_name_search, migration 0029): a few hundred
 * thousand index entries cost tens of milliseconds, where sorting every match cost 0.3 s (SQLite) to
 * 3 s (PostgreSQL) at a million users.
 */
export const COVERED_WALK_BOUND = 250_000;

/** How many trigram-index matches (of every organization) SQLite's capped count reads before it gives up and counts the exact way. */
const TRIGRAM_COUNT_WINDOW = 20_000;

/**
 * A page of a search and its total:
 * 1. walk the page order from the cursor testing each user, at most WALK_BOUND: a common term meets a
 *    page within a few hundred steps (the trigram index would read every match of its trigrams);
 * 2. otherwise count (capped): few matches are sorted from the trigram index;
 * 3. many: walk on through the name index alone, then sort every match only if that found no page.
 */
export async function searchPage(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  page: ListPage,
  details: DetailsSpec,
): Promise<{ rows: ListedUserJson[] } & ListTotal> {
  const { dialect } = details;
  const near = await walkForPage(db, organizationId, filter, page, dialect, WALK_BOUND);
  if (near) return { rows: await usersInOrder(db, near, details), ...(await countMatching(db, organizationId, filter, dialect, { scanSearch: true })) };
  const term = filter.search!.trim().toLowerCase();
  if (dialect === 'sqlite' && hasTrigrams(term)) filter = { ...filter, phrase: await trigramPhrase(db, term) };
  const total = await searchTotal(db, organizationId, filter, dialect);
  if (!total.exact && walksIndexAlone(filter, page)) {
    const far = await walkForPage(db, organizationId, filter, page, dialect, COVERED_WALK_BOUND);
    if (far) return { rows: await usersInOrder(db, far, details), ...total };
  }
  const ids = await userPageIds(db, organizationId, filter, page, dialect);
  return { rows: await usersInOrder(db, ids, details), ...total };
}

/** Whether every column the walk reads is in users__org_name_search: by name, no filter but status. */
function walksIndexAlone(filter: UserFilterAt, page: ListPage): boolean {
  return page.sort === 'name' && !filter.roleId && !filter.groupId && !filter.lastActive;
}

/**
 * The page's ids (and one more) found by walking the page order from the cursor, at most `bound` users,
 * testing each one's search text (lowercase name and email: the filter's substring test); null when
 * fewer matched. The bounded walk is a subquery both databases read lazily, in its order, until the
 * LIMIT is met; the outer ORDER BY sorts only the page it found.
 */
async function walkForPage(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  page: ListPage,
  dialect: Dialect,
  bound: number,
): Promise<string[] | null> {
  const rows = await walkQuery(db, organizationId, filter, page, dialect, bound).execute();
  return rows.length > page.limit ? rows.map((r) => r.id) : null;
}

/** The walk's statement (exported for its query-plan test). */
export function walkQuery(db: DbOrTrx, organizationId: string, filter: UserFilterAt, page: ListPage, dialect: Dialect, bound: number) {
  const { search, ...others } = filter;
  const pattern = `%${escapeLike(search!.trim().toLowerCase())}%`;
  const key = sortKey(page.sort);
  const walk = sortedUsers(db, organizationId, others, page, dialect)
    .select(['users.id', 'users.search_text', key.as('k')])
    .limit(bound);
  const matches = db
    .selectFrom(walk.as('walk'))
    .select(['walk.id', 'walk.k'])
    .where(sql<boolean>`walk.search_text LIKE ${pattern} ESCAPE '\\'`)
    .limit(page.limit + 1);
  return db.selectFrom(matches.as('m')).select('m.id').orderBy('m.k', page.order).orderBy('m.id', page.order);
}

/** The capped total of a search that the first walk did not serve. */
async function searchTotal(db: DbOrTrx, organizationId: string, filter: UserFilterAt, dialect: Dialect): Promise<ListTotal> {
  // A term of one or two characters has no trigram: the trigram index matches nothing for it.
  const trigrams = hasTrigrams(filter.search!.trim());
  return (dialect === 'sqlite' && trigrams && (await trigramCappedCount(db, organizationId, filter))) || countMatching(db, organizationId, filter, dialect);
}

/**
 * SQLite: counts up to COUNT_CAP + 1 matches reading the trigram index in its own order, each match's
 * row looked up by rowid, stopped at the cap. Asked as `rowid IN (…)`, SQLite first collects every
 * match of the term (0.4 s for one user in seven at a million users). Null when the window of the
 * index's first matches (every organization's) was read whole without reaching the cap: then the
 * count is not known to be complete, and is taken the exact way.
 */
async function trigramCappedCount(db: DbOrTrx, organizationId: string, filter: UserFilterAt): Promise<ListTotal | null> {
  const { search, phrase, ...others } = filter;
  const term = search!.trim().toLowerCase();
  const asked = phrase ?? wholePhrase(term);
  const window = sql<{ r: number }>`(SELECT rowid AS r FROM users_search WHERE users_search MATCH ${asked.phrase} LIMIT ${TRIGRAM_COUNT_WINDOW})`;
  // CROSS JOIN: SQLite keeps the written order, so the index's matches drive and each finds its row.
  const joined = db
    .selectFrom(window.as('s'))
    .crossJoin('users')
    .where(sql<boolean>`users.rowid = s.r`) as unknown as SelectQueryBuilder<Database, 'users', object>;
  const matching = asked.whole ? joined : joined.where(holdsTerm(term));
  const capped = applyUserFilter(matching, organizationId, others, 'sqlite')
    .select(sql.lit(1).as('one'))
    .limit(COUNT_CAP + 1);
  const { n } = await db
    .selectFrom(capped.as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) > COUNT_CAP) return { total: COUNT_CAP, exact: false };
  const { read } = await db
    .selectFrom(window.as('w'))
    .select((eb) => eb.fn.countAll<number>().as('read'))
    .executeTakeFirstOrThrow();
  return Number(read) < TRIGRAM_COUNT_WINDOW ? { total: Number(n), exact: true } : null;
}
