/**
 * The timeline's date scrubber wired to the library list: month counts from the server (re-read when
 * photos arrive or leave), the month at the top of the screen as the person scrolls, and jumps.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { assetsApi, type TimelineBucket } from '../../api/assets';
import { TimelineScrubber } from '../../components/TimelineScrubber';
import { useRealtimeRefresh } from '../../lib/realtime';

interface Lib {
  items: unknown[];
  jump: (month: string | null) => void;
}

/** The month (YYYY-MM) of the first day group whose bottom is below the top of the window. */
function monthOnTop(): string | null {
  for (const g of document.querySelectorAll<HTMLElement>('[data-testid="day-group"][data-day]'))
    if (g.getBoundingClientRect().bottom > 80) return g.dataset.day!.slice(0, 7);
  return null;
}

export function useTimelineScrubber(enabled: boolean, lib: Lib): { node: ReactNode; total: number | null; toNewest: () => void } {
  const [buckets, setBuckets] = useState<TimelineBucket[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [current, setCurrent] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!enabled) return;
    assetsApi
      .buckets()
      .then((r) => {
        setBuckets(r.buckets);
        setTotal(r.total);
      })
      .catch(() => undefined);
  }, [enabled]);
  // The list's length changes with every page, upload, archive or delete: counts follow.
  const count = lib.items.length;
  useEffect(() => load(), [load, count]);
  useRealtimeRefresh(['asset.created'], load);

  useEffect(() => {
    if (!enabled) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setCurrent(monthOnTop()));
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
    };
  }, [enabled, count]);

  const { jump } = lib;
  const onJump = useCallback(
    (month: string) => {
      // The newest month is the top of the timeline: no "from" note for it.
      jump(month === buckets[0]?.month ? null : month);
      window.scrollTo({ top: 0 });
    },
    [jump, buckets],
  );
  const toNewest = useCallback(() => {
    jump(null);
    window.scrollTo({ top: 0 });
  }, [jump]);

  return {
    node: enabled && buckets.length > 1 ? <TimelineScrubber buckets={buckets} current={current} onJump={onJump} /> : null,
    total: enabled ? total : null,
    toNewest,
  };
}
