import { useEffect, useRef } from 'react';

/**
 * While an overlay (dialog, photo viewer) is mounted: the page behind it does not scroll, and
 * `onKey` sees every keydown on the window. The latest `onKey` is called, so it may read
 * current props without re-registering the listener.
 */
export function useOverlay(onKey: (e: KeyboardEvent) => void): void {
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  useEffect(() => {
    const key = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', key);
    const prev = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      window.removeEventListener('keydown', key);
      document.body.style.overflow = prev;
    };
  }, []);
}
