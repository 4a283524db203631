import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

// The console's side of keyset pages (every list route answers `{ items, nextCursor }`): a list grows
// page by page with "Load more", or, where a list is small by nature, is read whole.

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** The pages read so far of a list, flattened; `hasNextPage` and `fetchNextPage` drive "Load more". */
export function usePagedList<P extends Page<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<P>,
  options: { refetchInterval?: number } = {},
) {
  const list = useInfiniteQuery({
    ...options,
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: P['items'] = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...list, items, firstPage: list.data?.pages[0] };
}

/** Every page of a list that is small by nature (a person's own organizations), one after another. */
export async function fetchAllPages<P extends Page<unknown>>(fetchPage: (cursor: string | undefined) => Promise<P>): Promise<P['items']> {
  const items: P['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
