import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { LAST_ACTIVE_FILTERS, USER_SORTS, USER_STATUSES, type LastActiveFilter, type UserSort, type UserStatus } from '../../../../contracts/users';

export interface UserListParams {
  search: string;
  roleId?: string;
  groupId?: string;
  status?: UserStatus;
  /** Active in the last 7 / 30 / 90 days, or never. */
  lastActive?: LastActiveFilter;
  sort: UserSort;
  order: 'asc' | 'desc';
  /** Cursor of the page on screen (undefined: first page). */
  cursor?: string;
  /** Cursors of the pages before this one, oldest first; '' stands for the first page. */
  stack: string[];
}

export const DEFAULT_SORT: UserSort = 'created';
export const DEFAULT_ORDER: Record<UserSort, 'asc' | 'desc'> = { name: 'asc', email: 'asc', last_active: 'desc', created: 'desc' };

/**
 * The Users page's whole view (search, filters, sort and page) lives in the URL, so a view can be
 * shared and survives a reload. Cursors are base64url, so '.' safely joins the back stack.
 */
export function parseParams(searchParams: URLSearchParams): UserListParams {
  const sortParam = searchParams.get('sort');
  const sort = (USER_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as UserSort) : DEFAULT_SORT;
  const orderParam = searchParams.get('order');
  const statusParam = searchParams.get('status');
  const stackParam = searchParams.get('prev');
  const activeParam = searchParams.get('active');
  return {
    search: searchParams.get('q') ?? '',
    roleId: searchParams.get('role') || undefined,
    groupId: searchParams.get('group') || undefined,
    status: (USER_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as UserStatus) : undefined,
    lastActive: (LAST_ACTIVE_FILTERS as readonly string[]).includes(activeParam ?? '') ? (activeParam as LastActiveFilter) : undefined,
    sort,
    order: orderParam === 'asc' || orderParam === 'desc' ? orderParam : DEFAULT_ORDER[sort],
    cursor: searchParams.get('cursor') || undefined,
    stack: stackParam === null ? [] : stackParam.split('.'),
  };
}

/**
 * What the address bar says right now. React Router commits a navigation in a transition, so a click
 * right after another change could see the previous render's params; reading the URL itself cannot
 * drop the change before it (e.g. a search typed a moment ago).
 */
function current(): UserListParams {
  return parseParams(new URLSearchParams(window.location.search));
}

export function useUserListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo(() => parseParams(searchParams), [searchParams]);

  const write = useCallback(
    (next: UserListParams, replace = false) => {
      const out = new URLSearchParams();
      if (next.search) out.set('q', next.search);
      if (next.roleId) out.set('role', next.roleId);
      if (next.groupId) out.set('group', next.groupId);
      if (next.status) out.set('status', next.status);
      if (next.lastActive) out.set('active', next.lastActive);
      if (next.sort !== DEFAULT_SORT || next.order !== DEFAULT_ORDER[next.sort]) {
        out.set('sort', next.sort);
        out.set('order', next.order);
      }
      if (next.cursor) {
        out.set('cursor', next.cursor);
        out.set('prev', next.stack.join('.'));
      }
      setSearchParams(out, { replace });
    },
    [setSearchParams],
  );

  /** Any change of search, filter or sort starts again at the first page. */
  const update = useCallback(
    (patch: Partial<Pick<UserListParams, 'search' | 'roleId' | 'groupId' | 'status' | 'lastActive' | 'sort' | 'order'>>, replace = false) =>
      write({ ...current(), ...patch, cursor: undefined, stack: [] }, replace),
    [write],
  );

  const toggleSort = useCallback(
    (sort: UserSort) => {
      const now = current();
      const order = now.sort === sort ? (now.order === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[sort];
      update({ sort, order });
    },
    [update],
  );

  const nextPage = useCallback(
    (nextCursor: string) => {
      const now = current();
      write({ ...now, cursor: nextCursor, stack: [...now.stack, now.cursor ?? ''] });
    },
    [write],
  );

  const previousPage = useCallback(() => {
    const now = current();
    const stack = [...now.stack];
    const previous = stack.pop();
    write({ ...now, cursor: previous || undefined, stack });
  }, [write]);

  const reset = useCallback(() => {
    const now = current();
    write({ search: '', sort: now.sort, order: now.order, stack: [] });
  }, [write]);

  return { params, update, toggleSort, nextPage, previousPage, reset, pageNumber: params.cursor ? params.stack.length + 1 : 1 };
}
