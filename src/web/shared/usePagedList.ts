import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

// The console's side of keyset pages (every list route answers `{ items, nextCursor }`): a list grows
// page by page with "Load more" (reading a small list whole is `everyPage` in client.ts).

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** The pages read so far of a list, flattened; `more` drives its LoadMore. */
export function usePagedList<P extends Page<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<P>,
  options: { refetchInterval?: number; enabled?: boolean } = {},
) {
  const list = useInfiniteQuery({
    ...options,
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: P['items'] = list.data?.pages.flatMap((p) => p.items) ?? [];
  const more = { hasMore: list.hasNextPage, loading: list.isFetchingNextPage, onClick: () => void list.fetchNextPage() };
  return { ...list, items, firstPage: list.data?.pages[0], more };
}
