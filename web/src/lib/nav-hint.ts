/**
 * Which sidebar section a screen belongs to when the URL alone cannot say: /albums/<id>
 * is under "Albums" for my albums but under "Shared with me" for albums shared with me, and
 * under "Inbox" for my inbox album (photos others sent me).
 */
import { useEffect, useSyncExternalStore } from 'react';

type Section = 'albums' | 'shared' | 'inbox';
let hint: Section | null = null;
const subs = new Set<() => void>();
const set = (s: Section | null) => {
  if (hint === s) return;
  hint = s;
  for (const cb of subs) cb();
};

/** Declares the section while the calling screen is mounted. */
export function useNavSection(section: Section | null): void {
  useEffect(() => {
    set(section);
    return () => set(null);
  }, [section]);
}

export function useNavHint(): Section | null {
  return useSyncExternalStore(
    (cb) => {
      subs.add(cb);
      return () => void subs.delete(cb);
    },
    () => hint,
  );
}
