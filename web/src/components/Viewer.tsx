/**
 * The full-size photo viewer: the 1440px preview over its thumbnail (so something
 * shows at once), arrows and ←/→ keys to move, Esc to close, an info panel with the
 * metadata, download of the original and delete for the owner.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ChevronLeft, ChevronRight, Download, Info, Trash2, X } from 'lucide-react';
import { assetsApi } from '../api/assets';
import type { Asset } from '../api/types';
import { useOverlay } from '../lib/use-overlay';
import { FaceBoxes } from './FaceBoxes';
import { ViewerInfo } from './ViewerInfo';

interface ViewerProps<T extends Asset> {
  assets: T[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
  /** Present when the viewer may delete (it asks for confirmation itself). */
  onDelete?: (asset: T) => void;
  /** A marker was added or removed; the parent swaps in the fresh asset. */
  onChanged?: (asset: Asset) => void;
  canEdit?: (asset: T) => boolean;
  extraInfo?: (asset: T) => ReactNode;
}

export function Viewer<T extends Asset>({ assets, index, onIndex, onClose, onDelete, onChanged, canEdit, extraInfo }: ViewerProps<T>) {
  const asset = assets[index];
  const [showInfo, setShowInfo] = useState(() => window.innerWidth > 900);
  const [loaded, setLoaded] = useState<string | null>(null);
  const ref = useOverlay((e) => {
    if ((e.target as HTMLElement | null)?.closest('input, textarea')) return;
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
    else if (e.key === 'ArrowRight' && index < assets.length - 1) onIndex(index + 1);
  });

  useEffect(() => {
    if (!asset) onClose();
  }, [asset, onClose]);
  if (!asset) return null;

  return (
    <div ref={ref} className="viewer" role="dialog" aria-modal="true" aria-label={asset.originalName} tabIndex={-1} data-testid="viewer">
      <div className="viewer-stage">
        <div className="viewer-bar">
          <button className="viewer-button" aria-label="Close" data-testid="viewer-close" onClick={onClose}>
            <X size={22} />
          </button>
          <span className="viewer-count">
            {index + 1} / {assets.length}
          </span>
          <div className="viewer-bar-actions">
            <a
              className="viewer-button"
              href={assetsApi.downloadUrl(asset)}
              download={asset.originalName}
              aria-label="Download original"
              title="Download original"
              data-testid="viewer-download"
            >
              <Download size={20} />
            </a>
            <button
              className={`viewer-button${showInfo ? ' on' : ''}`}
              aria-label="Info"
              title="Info"
              data-testid="viewer-info-toggle"
              onClick={() => setShowInfo(!showInfo)}
            >
              <Info size={20} />
            </button>
            {onDelete && (!canEdit || canEdit(asset)) && (
              <button
                className="viewer-button"
                aria-label="Delete"
                title="Delete"
                data-testid="viewer-delete"
                onClick={() => onDelete(asset)}
              >
                <Trash2 size={20} />
              </button>
            )}
          </div>
        </div>
        <div className="viewer-image-wrap">
          {asset.ready ? (
            <>
              {loaded !== asset.id && (
                <img key={`t-${asset.id}`} className="viewer-image viewer-image-low" src={asset.thumbnailUrl} alt="" />
              )}
              <div className="viewer-photo">
                <img
                  key={asset.id}
                  className={`viewer-image${loaded === asset.id ? '' : ' loading'}`}
                  src={asset.previewUrl}
                  alt={asset.originalName}
                  data-testid="viewer-image"
                  onLoad={() => setLoaded(asset.id)}
                />
                {showInfo && loaded === asset.id && <FaceBoxes assetId={asset.id} />}
              </div>
            </>
          ) : (
            <div className="viewer-pending">Still processing this photo…</div>
          )}
        </div>
        {index > 0 && (
          <button className="viewer-nav viewer-prev" aria-label="Previous" data-testid="viewer-prev" onClick={() => onIndex(index - 1)}>
            <ChevronLeft size={30} />
          </button>
        )}
        {index < assets.length - 1 && (
          <button className="viewer-nav viewer-next" aria-label="Next" data-testid="viewer-next" onClick={() => onIndex(index + 1)}>
            <ChevronRight size={30} />
          </button>
        )}
      </div>
      {showInfo && (
        <ViewerInfo asset={asset} editable={!!onChanged && (!canEdit || canEdit(asset))} onChanged={onChanged} extra={extraInfo?.(asset)} />
      )}
    </div>
  );
}
