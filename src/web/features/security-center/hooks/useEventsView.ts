import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { VIEW_KEYS, type EventsView } from '../view';

/** The Events view from the URL, and a setter that writes it back (empty values leave the URL). */
export function useEventsView(): [EventsView, (patch: Partial<EventsView>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => {
    const v: Record<string, string> = {};
    for (const key of VIEW_KEYS) {
      const value = params.get(key);
      if (value) v[key] = value;
    }
    return v;
  }, [params]);
  const update = useCallback(
    (patch: Partial<EventsView>) => {
      // From the address bar, not this render's params: a debounced field and a select changed in the same moment both stay.
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setParams(next, { replace: true });
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return [view, update, reset];
}
