import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { UserListParams } from './useUserListParams';

/**
 * The search box's text, kept in step with the URL's search both ways: typing is written to the URL
 * after a pause, and a URL change (back/forward, "Clear filters") is shown in the box.
 */
export function useDebouncedSearch(urlSearch: string, onChange: (patch: Partial<UserListParams>, replace?: boolean) => void) {
  const [search, setSearch] = useState(urlSearch);
  const [debounced] = useDebouncedValue(search, 300);
  const lastWritten = useRef(urlSearch);

  // Typing writes to the URL once the typist pauses; one history entry per search, not per key.
  useEffect(() => {
    if (debounced.trim() === urlSearch) return;
    lastWritten.current = debounced.trim();
    onChange({ search: debounced.trim() }, urlSearch !== '' && debounced.trim() !== '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  // Back/forward or "Clear filters" changes the URL: show what it says.
  useEffect(() => {
    if (urlSearch !== lastWritten.current) {
      lastWritten.current = urlSearch;
      setSearch(urlSearch);
    }
  }, [urlSearch]);

  /** Empties the box without writing the empty search to the URL (the caller resets the URL). */
  function clearSearch() {
    lastWritten.current = '';
    setSearch('');
  }

  return { search, setSearch, clearSearch };
}
