import { useEffect, useState } from 'react';
import type { Selection } from '../components/BulkActions';

/** The selected rows (or "all matching"): cleared whenever the view (`viewKey`) changes. */
export function useUserSelection(items: { id: string }[], viewKey: string) {
  const [selection, setSelection] = useState<Selection>({ ids: [], allMatching: false });
  // A different view is a different set of rows: the selection does not carry over.
  useEffect(() => setSelection({ ids: [], allMatching: false }), [viewKey]);

  function toggle(id: string) {
    setSelection((s) => ({ allMatching: false, ids: s.ids.includes(id) ? s.ids.filter((x) => x !== id) : [...s.ids, id] }));
  }
  function togglePage() {
    setSelection((s) =>
      s.allMatching || (items.length > 0 && items.every((u) => s.ids.includes(u.id)))
        ? { ids: [], allMatching: false }
        : { ids: items.map((u) => u.id), allMatching: false },
    );
  }

  return { selection, setSelection, toggle, togglePage };
}
