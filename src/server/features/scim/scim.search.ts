// POST /.search at the root (RFC 7644 §3.4.3): one filter over every resource type. Users come
// first, then Groups (each in its own sort order), paged as one list. A filter naming an attribute
// that only one type has matches none of the other; one that neither type supports is a 400.
import type { RequestContext } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listGroups } from './scim.groups.js';
import { listResponse, paging, type ListQuery } from './scim.list.js';
import type { Json } from './scim.patch.js';
import { listUsers } from './scim.users.js';

interface Part {
  resources: Json[];
  total: number;
}

/**
 * One type's part. A filter attribute this type lacks matches none of it; a sortBy attribute it lacks
 * leaves it in its own order (after the other type's, as resources without the sort value come last).
 */
async function partOf(list: (query: ListQuery) => Promise<Json>, query: ListQuery): Promise<Part | AppError> {
  try {
    const page = await list(query);
    return { resources: page.Resources as Json[], total: page.totalResults as number };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'INVALID_FILTER') return error;
    if (error.code === 'INVALID_VALUE' && query.sortBy) {
      const unsorted = await partOf(list, { ...query, sortBy: undefined });
      return unsorted instanceof AppError ? error : unsorted;
    }
    throw error;
  }
}

export async function searchRoot(ctx: RequestContext, query: ListQuery): Promise<Json> {
  const { startIndex, limit } = paging(query);
  const users = await partOf((q) => listUsers(ctx, q), query);
  // Where the page starts among the Groups once the Users before it are counted.
  const usersTotal = users instanceof AppError ? 0 : users.total;
  const usersShown = users instanceof AppError ? [] : users.resources;
  const groupStart = Math.max(1, startIndex - usersTotal);
  const groupCount = Math.max(0, limit - usersShown.length);
  const groups = await partOf((q) => listGroups(ctx, q), { ...query, startIndex: groupStart, count: groupCount });
  if (users instanceof AppError && groups instanceof AppError) throw users;
  const groupsTotal = groups instanceof AppError ? 0 : groups.total;
  const groupsShown = groups instanceof AppError ? [] : groups.resources;
  return listResponse([...usersShown, ...groupsShown], usersTotal + groupsTotal, startIndex);
}
