import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';

/** One page of a keyset-paged list, as every list route answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A paged list shown as one growing list: the first page, then the next each time `more.onClick` runs
 * (a "Load more" button). `data.items` holds every item loaded so far, in the server's order.
 */
export function usePages<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const pages = query.data?.pages;
  const data = useMemo(() => pages && { items: pages.flatMap((page) => page.items) }, [pages]);
  return {
    data,
    error: query.error,
    isLoading: query.isLoading,
    refetch: query.refetch,
    more: { hasMore: query.hasNextPage, loading: query.isFetchingNextPage, onClick: () => void query.fetchNextPage() },
  };
}
