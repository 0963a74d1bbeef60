/** A visitor's photo viewer: the 1440 px preview, previous / next (also ← →), close (Escape), download when allowed. */
import { ChevronLeft, ChevronRight, Download, X } from 'lucide-react';
import type { PublicAlbum } from '../../api/album-sharing';
import { useOverlay } from '../../lib/use-overlay';

export function PublicViewer({
  album,
  index,
  onIndex,
  onClose,
}: {
  album: PublicAlbum;
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
}) {
  const n = album.assets.length;
  const x = album.assets[index]!;
  const go = (d: number) => onIndex((index + d + n) % n);
  const ref = useOverlay((e) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowLeft') go(-1);
    else if (e.key === 'ArrowRight') go(1);
  });
  return (
    <div ref={ref} className="public-viewer" role="dialog" aria-modal="true" aria-label="Photo" tabIndex={-1} data-testid="public-viewer">
      <div className="public-viewer-bar">
        <span className="public-viewer-count">
          {index + 1} / {n} · added by {x.addedBy}
        </span>
        {x.originalUrl && (
          <a className="button" href={x.originalUrl} download data-testid="public-download">
            <Download size={16} /> Download
          </a>
        )}
        <button className="icon-button" aria-label="Close" onClick={onClose} data-testid="public-viewer-close">
          <X size={22} />
        </button>
      </div>
      <img className="public-viewer-image" src={x.previewUrl} alt={`Photo ${index + 1} of ${n}`} data-testid="public-viewer-image" />
      {n > 1 && (
        <>
          <button className="public-viewer-nav prev" aria-label="Previous photo" onClick={() => go(-1)} data-testid="public-viewer-prev">
            <ChevronLeft size={28} />
          </button>
          <button className="public-viewer-nav next" aria-label="Next photo" onClick={() => go(1)} data-testid="public-viewer-next">
            <ChevronRight size={28} />
          </button>
        </>
      )}
    </div>
  );
}
