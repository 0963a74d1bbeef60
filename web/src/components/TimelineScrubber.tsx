/**
 * The timeline's date scrubber (as in Google Photos and Immich): a rail down the right edge with the
 * years, where each month takes room in proportion to its photos. Pointing (mouse) or dragging (touch,
 * pen) shows the month under the finger; letting go jumps the timeline there. Keyboard: the rail is a
 * slider (arrows step a month, Home/End go to the newest/oldest) and each year is a button.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimelineBucket } from '../api/assets';

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

/** "June 2026" for "2026-06". */
export const monthLabel = (month: string) => {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return monthFmt.format(new Date(y, m - 1, 1));
};

interface Props {
  buckets: TimelineBucket[];
  /** The month at the top of the screen now (YYYY-MM), marked on the rail. */
  current: string | null;
  onJump: (month: string) => void;
}

export function TimelineScrubber({ buckets, current, onJump }: Props) {
  const rail = useRef<HTMLDivElement>(null);
  const [pointing, setPointing] = useState<{ index: number; y: number } | null>(null);
  const dragging = useRef(false);

  // Each month's top and height as fractions of the rail: its share of the photos, with a floor so a
  // month of one photo can still be hit.
  const layout = useMemo(() => {
    const total = buckets.reduce((s, b) => s + b.count, 0);
    const floor = total / Math.max(1, buckets.length * 3);
    const weights = buckets.map((b) => b.count + floor);
    const sum = weights.reduce((s, w) => s + w, 0) || 1;
    let top = 0;
    return weights.map((w) => {
      const at = { top: top / sum, height: w / sum };
      top += w;
      return at;
    });
  }, [buckets]);

  // The first (newest) month of each year, labelled where it starts unless too close to the label above.
  const years = useMemo(() => {
    const out: { year: string; index: number; top: number }[] = [];
    buckets.forEach((b, i) => {
      const year = b.month.slice(0, 4);
      const last = out[out.length - 1];
      const top = layout[i]?.top ?? 0;
      if (last?.year === year) return;
      if (!last || top - last.top >= 0.045) out.push({ year, index: i, top });
    });
    return out;
  }, [buckets, layout]);

  // Indexes come from the layout, which has one entry per bucket; '' only if the buckets changed under a drag.
  const monthAt = (i: number) => buckets[i]?.month ?? '';

  const indexAt = (clientY: number) => {
    const box = rail.current!.getBoundingClientRect();
    const f = Math.min(0.9999, Math.max(0, (clientY - box.top) / box.height));
    const i = layout.findIndex((l) => f < l.top + l.height);
    return { index: i < 0 ? buckets.length - 1 : i, y: clientY - box.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    setPointing(indexAt(e.clientY));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current || e.pointerType === 'mouse') setPointing(indexAt(e.clientY));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    const at = indexAt(e.clientY);
    setPointing(null);
    if (monthAt(at.index)) onJump(monthAt(at.index));
  };

  const currentIndex = Math.max(0, current ? buckets.findIndex((b) => b.month === current) : 0);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowDown: 1, ArrowRight: 1, PageDown: 12, ArrowUp: -1, ArrowLeft: -1, PageUp: -12 }[e.key];
    let next: number | undefined;
    if (step !== undefined) next = Math.min(buckets.length - 1, Math.max(0, currentIndex + step));
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buckets.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    onJump(monthAt(next));
  };

  if (buckets.length < 2) return null;
  const marker = current ? layout[buckets.findIndex((b) => b.month === current)] : undefined;
  return (
    <nav className="scrubber" aria-label="Jump to a date" data-testid="timeline-scrubber">
      <ol className="scrubber-years">
        {years.map((y) => (
          <li key={y.year} style={{ top: `${y.top * 100}%` }}>
            <button
              type="button"
              className="scrubber-year"
              data-testid="scrubber-year"
              data-year={y.year}
              aria-label={`Jump to ${monthLabel(monthAt(y.index))}`}
              onClick={() => onJump(monthAt(y.index))}
            >
              {y.year}
            </button>
          </li>
        ))}
      </ol>
      <div
        ref={rail}
        className="scrubber-rail"
        data-testid="scrubber-rail"
        role="slider"
        tabIndex={0}
        aria-label="Month"
        aria-orientation="vertical"
        aria-valuemin={0}
        aria-valuemax={buckets.length - 1}
        aria-valuenow={currentIndex}
        aria-valuetext={monthLabel(monthAt(currentIndex))}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => ((dragging.current = false), setPointing(null))}
        onPointerLeave={(e) => e.pointerType === 'mouse' && !dragging.current && setPointing(null)}
        onKeyDown={onKeyDown}
      >
        {layout.map((l, i) => (
          <i key={monthAt(i)} className="scrubber-dot" style={{ top: `${(l.top + l.height / 2) * 100}%` }} aria-hidden />
        ))}
        {marker && <span className="scrubber-now" style={{ top: `${marker.top * 100}%` }} aria-hidden />}
        {pointing && (
          <span className="scrubber-bubble" data-testid="scrubber-bubble" style={{ top: pointing.y }}>
            {monthLabel(monthAt(pointing.index))}
          </span>
        )}
      </div>
    </nav>
  );
}
