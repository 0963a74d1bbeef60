/**
 * One photo in a grid. Until the server has rendered its thumbnail (`ready: false`)
 * it shows a placeholder; 'asset.ready' over realtime flips it.
 */
import type { KeyboardEvent, ReactNode } from 'react';
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
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen();
    }
  };
  return (
    <div
      className={`tile${selected ? ' selected' : ''}`}
      style={{ flexGrow: ratio, flexBasis: ratio * rowHeight }}
      data-testid="asset-tile"
      data-asset-id={asset.id}
      data-ready={asset.ready ? 'true' : 'false'}
      data-selected={selected ? 'true' : undefined}
      role="button"
      tabIndex={0}
      aria-label={`${asset.originalName}, ${formatDateTime(asset.capturedAt)}`}
      onClick={onOpen}
      onKeyDown={key}
    >
      <i className="tile-sizer" style={{ paddingBottom: `${100 / ratio}%` }} />
      {asset.ready ? (
        <img className="tile-img" src={asset.thumbnailUrl} alt="" loading="lazy" decoding="async" draggable={false} />
      ) : (
        <div className="tile-pending" data-testid="asset-pending">
          <ImageIcon size={22} strokeWidth={1.5} />
          <span>Processing…</span>
        </div>
      )}
      {badge}
      {selectable && (
        <button
          type="button"
          className="tile-check"
          data-testid="tile-select"
          aria-label={selected ? 'Deselect' : 'Select'}
          aria-pressed={selected}
          onClick={(e) => {
            e.stopPropagation();
            onToggle?.();
          }}
        >
          <Check size={14} strokeWidth={3} />
        </button>
      )}
    </div>
  );
}
