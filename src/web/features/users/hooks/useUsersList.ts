import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { UserFilter } from '../../../../contracts/users';
import { countText } from '../../../shared/format';
import { fetchUserCount, fetchUsers } from '../api';
import type { UserListParams } from './useUserListParams';

/**
 * The page of users the URL's view asks for (the previous page stays on screen while the next loads),
 * its filter, a key that changes with the view, and the total as shown: the list's own (exact, or
 * counted up to a cap), or the exact count once "Count all" asked for it for this filter.
 */
export function useUsersList(params: UserListParams, pageSize: number) {
  const filter: UserFilter = useMemo(
    () => ({ search: params.search || undefined, roleId: params.roleId, groupId: params.groupId, status: params.status, lastActive: params.lastActive }),
    [params.search, params.roleId, params.groupId, params.status, params.lastActive],
  );
  const query = { ...filter, sort: params.sort, order: params.order, cursor: params.cursor, limit: pageSize };
  const users = useQuery({ queryKey: ['users', 'list', query], queryFn: () => fetchUsers(query), placeholderData: keepPreviousData });
  const viewKey = JSON.stringify(query);

  const filterKey = JSON.stringify(filter);
  const [countAllFor, setCountAllFor] = useState<string | null>(null);
  const exactCount = useQuery({ queryKey: ['users', 'count', filter], queryFn: () => fetchUserCount(filter), enabled: countAllFor === filterKey });
  const capped = users.data?.totalExact === false;
  const counted = capped && exactCount.data !== undefined && countAllFor === filterKey;

  const items = users.data?.items ?? [];
  const total = counted ? exactCount.data.total : (users.data?.total ?? 0);
  const totalExact = !capped || counted;
  const totalText = countText(total, totalExact);
  const filtered = Boolean(filter.search || filter.roleId || filter.groupId || filter.status || filter.lastActive);
  const countAll = { run: () => setCountAllFor(filterKey), running: exactCount.isFetching, failed: exactCount.isError };
  return { filter, users, viewKey, items, total, totalExact, totalText, filtered, countAll };
}
