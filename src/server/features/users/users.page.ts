// One page of the users list and its total: which reading serves which filter.
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { executePrepared } from '../../db/prepared.js';
import { usageWindowStart } from '../usage/index.js';
import { countMatching, groupPage, rareWindowPage, userPage, type ListPage, type ListTotal, type UserFilterAt } from './users.repository.js';
import { searchPage } from './users.search.js';
import { withSummaries, type ListedUserJson } from './users.summaries.js';

/**
 * One page of users and the total that matches (never counted over the whole list: see
 * countMatching). A search finds its page as users.search.ts says.
 */
export async function listUserPage(
  db: DbOrTrx,
  organizationId: string,
  filter: UserFilterAt,
  page: ListPage,
  dialect: Dialect,
): Promise<{ rows: ListedUserJson[] } & ListTotal> {
  const searching = !!filter.search?.trim();
  const details = { organizationId, dialect, usageFrom: usageWindowStart(filter.now ? new Date(filter.now) : new Date()) };
  if (searching) return searchPage(db, organizationId, filter, page, details);
  if (filter.lastActive && page.sort !== 'last_active' && !filter.groupId) {
    // A last-active window in another order. Few matches (the capped count is exact): read them from
    // the window's own index and sort them. Many: walk the sort order, which meets a page soon. With
    // the statistics PRAGMA optimize gathers, SQLite otherwise walked the name index through every
    // user for "active in the last 7 days" (770 ms at a million users, for one match).
    const total = await countMatching(db, organizationId, filter, dialect);
    const pageRows = total.exact ? rareWindowPage(db, organizationId, filter, page, dialect) : userPage(db, organizationId, filter, page, dialect);
    return { rows: await executePrepared(db, withSummaries(db, pageRows, page, details)), ...total };
  }
  // Without a search the page is read with its columns straight from the sort index's walk: no
  // second lookup of each row by id.
  const pageRows = filter.groupId ? groupPage(db, organizationId, filter, page, dialect) : userPage(db, organizationId, filter, page, dialect);
  const [rows, total] = await Promise.all([
    executePrepared(db, withSummaries(db, pageRows, page, details)),
    countMatching(db, organizationId, filter, dialect),
  ]);
  return { rows, ...total };
}
