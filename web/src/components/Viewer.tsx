/**
 * The full-size photo viewer: the 1440 px preview over its thumbnail (so something shows at once), zoom and
 * pan (wheel, pinch, double tap, drag; {@link useZoomPan}), swipe or ←/→ to move, Esc to close, and the
 * toolbar's Add to album, Share, Download original, Info and keyboard shortcuts (`?`, listed in
 * ./viewer/viewer-shortcuts.ts). The info panel has the metadata, the people in the photo and its events.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { assetsApi } from '../api/assets';
import { peopleApi } from '../api/people';
import type { Asset, Face } from '../api/types';
import { plural } from '../lib/format';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { useOverlay } from '../lib/use-overlay';
import { useZoomPan } from '../lib/use-zoom-pan';
import { KEY_ZOOM_STEP } from '../lib/zoom-math';
import { useSession } from '../state/session';
import { errorMessage } from '../api/client';
import { useToast } from '../state/toasts';
import { AddToAlbumDialog } from './AddToAlbumDialog';
import { ShareDialog } from './viewer/ShareDialog';
import { ShortcutsDialog } from './viewer/ShortcutsDialog';
import { ViewerPhoto } from './viewer/ViewerPhoto';
import { ViewerToolbar } from './viewer/ViewerToolbar';
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

type Dialog = 'album' | 'share' | 'shortcuts' | null;

export function Viewer<T extends Asset>({ assets, index, onIndex, onClose, onDelete, onChanged, canEdit, extraInfo }: ViewerProps<T>) {
  const asset = assets[index];
  const toast = useToast();
  const accountId = useSession().account?.id;
  const mine = !!asset && accountId === asset.owner.id;
  const [showInfo, setShowInfo] = useState(() => window.innerWidth > 900);
  const [dialog, setDialog] = useState<Dialog>(null);
  const go = useCallback((i: number) => i >= 0 && i < assets.length && onIndex(i), [assets.length, onIndex]);
  const zoom = useZoomPan(asset?.id ?? '', (d) => go(index + d));
  const faces = useAsync<Face[]>(() => (asset ? peopleApi.ofAsset(asset.id).catch(() => []) : Promise.resolve([])), [asset?.id]);
  const canDelete = !!asset && !!onDelete && (!canEdit || canEdit(asset));
  // The favourite flag as last set here, so the heart answers at once even where the parent keeps no copy.
  const [favorites, setFavorites] = useState<Record<string, boolean>>({});
  const favorite = !!asset && (favorites[asset.id] ?? asset.favorite);
  const toggleFavorite = useCallback(async () => {
    if (!asset) return;
    const next = !favorite;
    setFavorites((f) => ({ ...f, [asset.id]: next }));
    try {
      onChanged?.(await assetsApi.setFlags(asset.id, { favorite: next }));
      toast({ tone: 'success', message: next ? 'Added to favourites' : 'Removed from favourites' });
    } catch (err) {
      setFavorites((f) => ({ ...f, [asset.id]: !next }));
      toast({ tone: 'error', message: errorMessage(err) });
    }
  }, [asset, favorite, onChanged, toast]);

  const ref = useOverlay((e) => {
    // A dialog over the viewer has the keyboard.
    if (dialog || ref.current?.querySelector('.modal') || (e.target as HTMLElement | null)?.closest('.modal')) return;
    // In the info panel's text fields keys type; only Escape still closes the viewer (WAI-ARIA dialog pattern).
    if (e.key !== 'Escape' && (e.target as HTMLElement | null)?.closest('input, textarea')) return;
    if (e.ctrlKey || e.metaKey || e.altKey || !asset) return;
    const act: Record<string, () => void> = {
      Escape: onClose,
      ArrowLeft: () => go(index - 1),
      ArrowRight: () => go(index + 1),
      '+': () => zoom.zoomBy(KEY_ZOOM_STEP),
      '=': () => zoom.zoomBy(KEY_ZOOM_STEP),
      '-': () => zoom.zoomBy(1 / KEY_ZOOM_STEP),
      '0': zoom.reset,
      i: () => setShowInfo((v) => !v),
      '?': () => setDialog('shortcuts'),
      d: () => window.location.assign(assetsApi.downloadUrl(asset)),
      ...(mine ? { a: () => setDialog('album'), s: () => setDialog('share'), f: () => void toggleFavorite() } : {}),
      ...(canDelete ? { Delete: () => onDelete!(asset) } : {}),
    };
    const run = act[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? act[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  });

  useEffect(() => {
    if (!asset) onClose();
  }, [asset, onClose]);
  if (!asset) return null;

  return (
    <div ref={ref} className="viewer" role="dialog" aria-modal="true" aria-label={asset.originalName} tabIndex={-1} data-testid="viewer">
      <div className="viewer-stage">
        <ViewerToolbar
          asset={asset}
          index={index}
          count={assets.length}
          showInfo={showInfo}
          mine={mine}
          favorite={favorite}
          onFavorite={() => void toggleFavorite()}
          onClose={onClose}
          onInfo={() => setShowInfo(!showInfo)}
          onAddToAlbum={() => setDialog('album')}
          onShare={() => setDialog('share')}
          onShortcuts={() => setDialog('shortcuts')}
          onDelete={canDelete ? () => onDelete!(asset) : undefined}
        />
        <ViewerPhoto asset={asset} zoom={zoom} faces={showInfo ? (faces.data ?? []) : []} />
        {index > 0 && (
          <button className="viewer-nav viewer-prev" aria-label="Previous" data-testid="viewer-prev" onClick={() => go(index - 1)}>
            <ChevronLeft size={30} />
          </button>
        )}
        {index < assets.length - 1 && (
          <button className="viewer-nav viewer-next" aria-label="Next" data-testid="viewer-next" onClick={() => go(index + 1)}>
            <ChevronRight size={30} />
          </button>
        )}
      </div>
      {showInfo && (
        <ViewerInfo
          asset={asset}
          editable={!!onChanged && (!canEdit || canEdit(asset))}
          onChanged={onChanged}
          extra={extraInfo?.(asset)}
          faces={faces.data ?? null}
          onFacesChanged={faces.reload}
        />
      )}
      {dialog === 'album' && (
        <AddToAlbumDialog
          assetIds={[asset.id]}
          onClose={() => setDialog(null)}
          onDone={(album, added) => {
            setDialog(null);
            toast({
              tone: 'success',
              message: added ? `Added ${plural(added, 'photo')} to “${album.name}”` : `Already in “${album.name}”`,
              action: { label: 'Open', onClick: () => navigate(`/albums/${album.id}`) },
            });
          }}
        />
      )}
      {dialog === 'share' && <ShareDialog asset={asset} onClose={() => setDialog(null)} onToAlbum={() => setDialog('album')} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
