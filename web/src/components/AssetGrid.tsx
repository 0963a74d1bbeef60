/**
 * The photo grid: justified rows that keep each photo's aspect ratio (a flex-wrap
 * layout, no measuring), optionally grouped under day headings by capture date.
 * Selection: a check on each tile; once anything is selected, a click toggles. On a touch screen a
 * long-press selects and a drag from there extends the selection ({@link useLongPressSelect}).
 */
import { useMemo, useRef, type ReactNode } from 'react';
import type { Asset } from '../api/types';
import { dayHeading, dayKey, plural } from '../lib/format';
import { useLongPressSelect } from '../lib/use-long-press-select';
import { useMedia } from '../lib/use-media';
import { AssetTile } from './AssetTile';

export interface AssetGridProps<T extends Asset> {
  assets: T[];
  groupByDay?: boolean;
  /** Target row height in px; rows stretch to fill the width from there. */
  rowHeight?: number;
  /** When given, tiles get a selection check. */
  selected?: Set<string>;
  onToggle?: (asset: T) => void;
  onOpen?: (index: number) => void;
  /** Extra overlay per tile, e.g. the contributor's badge in event albums. */
  badge?: (asset: T) => ReactNode;
  testId?: string;
}

export function AssetGrid<T extends Asset>({
  assets,
  groupByDay,
  rowHeight = 200,
  selected,
  onToggle,
  onOpen,
  badge,
  testId = 'asset-grid',
}: AssetGridProps<T>) {
  const groups = useMemo(() => {
    if (!groupByDay) return [{ key: 'all', start: 0, items: assets }];
    const out: { key: string; start: number; items: T[] }[] = [];
    assets.forEach((a, i) => {
      const key = dayKey(a.capturedAt);
      const last = out[out.length - 1];
      if (last && last.key === key) last.items.push(a);
      else out.push({ key, start: i, items: [a] });
    });
    return out;
  }, [assets, groupByDay]);

  const selecting = !!selected && selected.size > 0;
  const gridRef = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(assets.map((a) => [a.id, a])), [assets]);
  useLongPressSelect(gridRef, {
    enabled: !!selected && !!onToggle,
    isSelected: (id) => selected?.has(id) ?? false,
    select: (id) => {
      const a = byId.get(id);
      if (a) onToggle?.(a);
    },
  });
  // Phones get lower rows, so three or so photos share a row as in any gallery app.
  const phone = useMedia('(max-width: 600px)');
  const height = phone ? Math.round(rowHeight * 0.55) : rowHeight;
  return (
    <div ref={gridRef} className={`asset-grid${selecting ? ' selecting' : ''}`} data-testid={testId}>
      {groups.map((g) => (
        <section
          key={g.key}
          className="day-group"
          data-testid={groupByDay ? 'day-group' : undefined}
          data-day={groupByDay ? g.key : undefined}
        >
          {groupByDay && (
            <h2 className="day-heading">
              {dayHeading(g.key)} <span className="muted">· {plural(g.items.length, 'photo')}</span>
            </h2>
          )}
          <div className="justified">
            {g.items.map((a, i) => (
              <AssetTile
                key={a.id}
                asset={a}
                rowHeight={height}
                selectable={!!selected}
                selected={selected?.has(a.id) ?? false}
                onToggle={onToggle ? () => onToggle(a) : undefined}
                onOpen={() => (selecting && onToggle ? onToggle(a) : onOpen?.(g.start + i))}
                badge={badge?.(a)}
              />
            ))}
            <span className="justified-filler" aria-hidden />
          </div>
        </section>
      ))}
    </div>
  );
}
