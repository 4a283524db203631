// One page of the users list and its total: which reading serves which filter.
import type { UserStatus } from '../../../contracts/users.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { executePrepared, preparedShapes } from '../../db/prepared.js';
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
  if (filter.lastActive) {
    // Sorted by last activity (the window is a range of the sort index itself), or within a group.
    const pageRows = filter.groupId ? groupPage(db, organizationId, filter, page, dialect) : userPage(db, organizationId, filter, page, dialect);
    const [rows, total] = await Promise.all([
      executePrepared(db, withSummaries(db, pageRows, page, details)),
      countMatching(db, organizationId, filter, dialect),
    ]);
    return { rows, ...total };
  }
  const { roleId, groupId, status } = filter;
  const after = page.after ? { afterValue: page.after.value ?? '', afterId: page.after.id } : {};
  const values = { organizationId, roleId, groupId, status, ...after, usageFrom: details.usageFrom };
  const [rows, total] = await Promise.all([filteredPage(db, page, values), countMatching(db, organizationId, filter, dialect)]);
  return { rows, ...total };
}

/**
 * A page filtered by role, status or group (or not at all), in any order, with its summaries: the
 * list as it opens and as its filters are picked. Built and compiled once per form (preparedShapes):
 * building that statement's tree and compiling it took a sixth of the server's time per page. Read
 * with its columns straight from the sort index's walk (or the group's): no second lookup of each
 * row by id.
 */
const filteredPage = preparedShapes(
  ['organizationId', 'roleId', 'groupId', 'status', 'afterValue', 'afterId', 'usageFrom'] as const,
  (page: ListPage) => `${page.sort}|${page.order}|${page.limit}`,
  (db, v, shape) => {
    const dialect = dialectOf(db);
    const filter: UserFilterAt = { roleId: v.roleId, groupId: v.groupId, status: v.status as UserStatus | undefined };
    const page: ListPage = { ...shape, after: v.afterId === undefined ? null : { value: v.afterValue, id: v.afterId } };
    const rows = v.groupId ? groupPage(db, v.organizationId, filter, page, dialect) : userPage(db, v.organizationId, filter, page, dialect);
    return withSummaries(db, rows, page, { organizationId: v.organizationId, dialect, usageFrom: v.usageFrom });
  },
);
