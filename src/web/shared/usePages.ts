import type { QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { usePagedList, type Page } from './usePagedList';

export type { Page } from './usePagedList';

/**
 * A paged list shown as one growing list, for pages that read `data`: `data.items` holds every item
 * loaded so far, in the server's order, and `more` drives the button. The query is usePagedList's.
 */
export function usePages<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: { enabled?: boolean } = {}) {
  const list = usePagedList(queryKey, fetchPage, options);
  const pages = list.data?.pages;
  const data = useMemo(() => pages && { items: pages.flatMap((page) => page.items) }, [pages]);
  return {
    data,
    error: list.error,
    isLoading: list.isLoading,
    refetch: list.refetch,
    more: list.more,
  };
}
