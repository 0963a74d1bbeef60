/** Calls `onVisible` when scrolled within ~1.5 screens of the end of a list. */
import { useEffect, useRef } from 'react';

/**
 * `version` (e.g. the item count) re-arms the observer after each page, so a page that
 * still leaves the sentinel on screen triggers the next one.
 */
export function InfiniteSentinel({ onVisible, disabled, version }: { onVisible: () => void; disabled?: boolean; version?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const cb = useRef(onVisible);
  cb.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!el || disabled) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && cb.current(), {
      rootMargin: `${Math.round(window.innerHeight * 1.5)}px 0px`,
    });
    io.observe(el);
    return () => io.disconnect();
  }, [disabled, version]);
  return <div ref={ref} className="sentinel" data-testid="infinite-sentinel" aria-hidden />;
}
