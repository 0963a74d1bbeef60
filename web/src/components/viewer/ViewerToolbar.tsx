/**
 * The viewer's top bar: close and "n / total" on the left; on the right the photo's actions. The owner of the
 * photo gets Favourite, Add to album and Share; everyone who sees it gets Download original, Info and the keyboard
 * shortcuts (`?`); Delete shows where the screen allows it.
 */
import type { ReactNode } from 'react';
import { Download, FolderPlus, Heart, Info, Keyboard, Share2, Trash2, X } from 'lucide-react';
import { assetsApi } from '../../api/assets';
import type { Asset } from '../../api/types';

interface Props {
  asset: Asset;
  index: number;
  count: number;
  showInfo: boolean;
  /** Favourite, Add to album and Share: only for the photo's owner (another's photo cannot go into my album). */
  mine: boolean;
  /** Whether the photo is a favourite now (the owner's flag, PATCH /api/assets/{id}). */
  favorite: boolean;
  onFavorite: () => void;
  onClose: () => void;
  onInfo: () => void;
  onAddToAlbum: () => void;
  onShare: () => void;
  onShortcuts: () => void;
  onDelete?: () => void;
}

export function ViewerToolbar(p: Props) {
  return (
    <div className="viewer-bar">
      <button className="viewer-button" aria-label="Close" title="Close (Esc)" data-testid="viewer-close" onClick={p.onClose}>
        <X size={22} />
      </button>
      <span className="viewer-count">
        {p.index + 1} / {p.count}
      </span>
      <div className="viewer-bar-actions">
        {p.mine && (
          <BarButton
            label={p.favorite ? 'Remove from favourites' : 'Favourite'}
            keys="F"
            testId="viewer-favorite"
            on={p.favorite}
            onClick={p.onFavorite}
          >
            <Heart size={20} fill={p.favorite ? 'currentColor' : 'none'} />
          </BarButton>
        )}
        {p.mine && (
          <BarButton label="Add to album" keys="A" testId="viewer-add-to-album" onClick={p.onAddToAlbum}>
            <FolderPlus size={20} />
          </BarButton>
        )}
        {p.mine && (
          <BarButton label="Share" keys="S" testId="viewer-share" onClick={p.onShare}>
            <Share2 size={20} />
          </BarButton>
        )}
        <a
          className="viewer-button"
          href={assetsApi.downloadUrl(p.asset)}
          download={p.asset.originalName}
          aria-label="Download original"
          title="Download original (D)"
          data-testid="viewer-download"
        >
          <Download size={20} />
        </a>
        <BarButton label="Info" keys="I" testId="viewer-info-toggle" on={p.showInfo} onClick={p.onInfo}>
          <Info size={20} />
        </BarButton>
        <BarButton label="Keyboard shortcuts" keys="?" testId="viewer-shortcuts" className="viewer-wide-only" onClick={p.onShortcuts}>
          <Keyboard size={20} />
        </BarButton>
        {p.onDelete && (
          <BarButton label="Delete" keys="Delete" testId="viewer-delete" onClick={p.onDelete}>
            <Trash2 size={20} />
          </BarButton>
        )}
      </div>
    </div>
  );
}

function BarButton(b: {
  label: string;
  keys: string;
  testId: string;
  on?: boolean;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      className={`viewer-button${b.on ? ' on' : ''}${b.className ? ` ${b.className}` : ''}`}
      aria-label={b.label}
      aria-pressed={b.on}
      title={`${b.label} (${b.keys})`}
      data-testid={b.testId}
      onClick={b.onClick}
    >
      {b.children}
    </button>
  );
}
