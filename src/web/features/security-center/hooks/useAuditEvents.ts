import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchAuditEvents } from '../api';
import type { EventsView } from '../view';

/** Keyset pages of the view: "Load more" asks for the page after the last one shown. */
export function useAuditEvents(view: EventsView) {
  return useInfiniteQuery({
    queryKey: ['audit-events', view],
    queryFn: ({ pageParam }) => fetchAuditEvents(view, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
