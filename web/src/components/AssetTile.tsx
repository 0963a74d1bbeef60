/**
 * One photo in a grid. Until the server has rendered its thumbnail (`ready: false`)
 * it shows a placeholder; 'asset.ready' over realtime flips it. Enter or a click on the photo opens it
 * (or toggles it while selecting); the round check beside it selects.
 */
import type { ReactNode } from 'react';
import { Check, ImageIcon } from 'lucide-react';
import type { Asset } from '../api/types';
import { formatDateTime } from '../lib/format';

interface AssetTileProps {
  asset: Asset;
  rowHeight: number;
  selectable: boolean;
  selected: boolean;
  onToggle?: () => void;
  onOpen: () => void;
  badge?: ReactNode;
}

export function AssetTile({ asset, rowHeight, selectable, selected, onToggle, onOpen, badge }: AssetTileProps) {
  const ratio = asset.width > 0 && asset.height > 0 ? Math.min(3, Math.max(0.4, asset.width / asset.height)) : 1.5;
  const name = `${asset.originalName}, ${formatDateTime(asset.capturedAt)}`;
  // A group of two sibling buttons (open, select), never a button inside a button (ARIA in HTML:
  // interactive content must not nest).
  return (
    <div
      className={`tile${selected ? ' selected' : ''}`}
      style={{ flexGrow: ratio, flexBasis: ratio * rowHeight }}
      data-testid="asset-tile"
      data-asset-id={asset.id}
      data-ready={asset.ready ? 'true' : 'false'}
      data-selected={selected ? 'true' : undefined}
      role="group"
      aria-label={name}
    >
      <i className="tile-sizer" style={{ paddingBottom: `${100 / ratio}%` }} />
      <button type="button" className="tile-open" data-testid="tile-open" aria-label={`Open ${name}`} onClick={onOpen}>
        {asset.ready ? (
          <img className="tile-img" src={asset.thumbnailUrl} alt="" loading="lazy" decoding="async" draggable={false} />
        ) : (
          <span className="tile-pending" data-testid="asset-pending">
            <ImageIcon size={22} strokeWidth={1.5} aria-hidden />
            <span>Processing…</span>
          </span>
        )}
      </button>
      {badge}
      {selectable && (
        <button
          type="button"
          className="tile-check"
          data-testid="tile-select"
          aria-label={`${selected ? 'Deselect' : 'Select'} ${asset.originalName}`}
          aria-pressed={selected}
          onClick={() => onToggle?.()}
        >
          <Check size={14} strokeWidth={3} aria-hidden />
        </button>
      )}
    </div>
  );
}
