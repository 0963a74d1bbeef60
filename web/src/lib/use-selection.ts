import { useCallback, useState } from 'react';

/** A set of selected ids with toggle/clear, for selection mode in grids. */
export function useSelection() {
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const set = useCallback((ids: string[]) => setSelected(new Set(ids)), []);
  return { selected, toggle, clear, set, count: selected.size, ids: [...selected] };
}
