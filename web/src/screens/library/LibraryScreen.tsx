/**
 * Library: every photo I own, grouped by capture day, with infinite scroll, upload by
 * button or drop anywhere, the viewer, and a selection mode to add to albums or delete.
 * Above the grid: "Send to Bob and Carol?" cards for photos in which contacts were recognised.
 */
import { useEffect, useState } from 'react';
import { FolderPlus, Images, Trash2, Upload } from 'lucide-react';
import type { Asset } from '../../api/types';
import { AddToAlbumDialog } from '../../components/AddToAlbumDialog';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { RoutingSuggestions } from '../../components/RoutingSuggestions';
import { SelectionBar } from '../../components/SelectionBar';
import { Viewer } from '../../components/Viewer';
import { plural } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useSelection } from '../../lib/use-selection';
import { useShowAsset } from '../../lib/use-show-asset';
import { useToast } from '../../state/toasts';
import { useUploads } from '../../state/uploads';
import { useLibrary } from './use-library';
import { useMoveToTrash } from './use-move-to-trash';

export function LibraryScreen() {
  const lib = useLibrary();
  const sel = useSelection();
  const { openPicker } = useUploads();
  const toast = useToast();
  const [viewing, setViewing] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  // "Show it" from the upload panel: the photo joins the timeline at its date and opens in the viewer.
  const [showing, setShowing] = useState<string | null>(null);
  useShowAsset(
    (asset) => {
      lib.replace(asset);
      setShowing(asset.id);
    },
    (message) => toast({ tone: 'error', message }),
  );
  useEffect(() => {
    if (!showing) return;
    const index = lib.items.findIndex((a) => a.id === showing);
    if (index < 0) return;
    setShowing(null);
    setViewing(index);
    document.querySelector(`[data-testid="asset-tile"][data-asset-id="${CSS.escape(showing)}"]`)?.scrollIntoView({ block: 'center' });
  }, [showing, lib.items]);

  const moveToTrash = useMoveToTrash(lib.remove, (assets) => assets.forEach(lib.replace));
  const deleteAssets = (ids: string[]): Promise<boolean> => moveToTrash(lib.items.filter((a) => ids.includes(a.id)));

  const onViewerDelete = async (a: Asset) => {
    const index = viewing ?? 0;
    if (await deleteAssets([a.id])) setViewing(lib.items.length <= 1 ? null : Math.min(index, lib.items.length - 2));
  };

  const uploadButton = (
    <button className="button button-primary" data-testid="upload-button" onClick={() => openPicker()}>
      <Upload size={18} /> Upload
    </button>
  );

  return (
    <div className="screen" data-testid="library-screen">
      {sel.count > 0 ? (
        <SelectionBar count={sel.count} onClear={sel.clear}>
          <button className="button" data-testid="selection-add-to-album" onClick={() => setAdding(true)}>
            <FolderPlus size={18} /> Add to album
          </button>
          <button
            className="button button-danger-ghost"
            data-testid="selection-delete"
            onClick={() => void deleteAssets(sel.ids).then((ok) => ok && sel.clear())}
          >
            <Trash2 size={18} /> Delete
          </button>
        </SelectionBar>
      ) : (
        <PageHeader
          title="Library"
          subtitle={lib.items.length > 0 ? `${plural(lib.items.length, 'photo')}${lib.done ? '' : '+'}` : undefined}
          actions={uploadButton}
        />
      )}

      <RoutingSuggestions />
      {lib.error && <ErrorNote message={lib.error} onRetry={lib.retry} />}
      {!lib.loading && !lib.error && lib.items.length === 0 && (
        <EmptyState icon={<Images size={40} strokeWidth={1.5} />} title="Your library is empty" testId="library-empty">
          <p>Drop photos anywhere on this page, or pick them from your device.</p>
          {uploadButton}
        </EmptyState>
      )}
      <AssetGrid assets={lib.items} groupByDay selected={sel.selected} onToggle={(a) => sel.toggle(a.id)} onOpen={setViewing} />
      {lib.loading && <Spinner label={lib.items.length ? 'Loading more…' : 'Loading your library…'} />}
      <InfiniteSentinel onVisible={lib.more} disabled={lib.done || lib.loading} version={lib.items.length} />

      {viewing !== null && (
        <Viewer
          assets={lib.items}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          onDelete={(a) => void onViewerDelete(a)}
          onChanged={lib.replace}
        />
      )}
      {adding && (
        <AddToAlbumDialog
          assetIds={sel.ids}
          onClose={() => setAdding(false)}
          onDone={(album, added) => {
            setAdding(false);
            sel.clear();
            toast({
              tone: 'success',
              message: `Added ${plural(added, 'photo')} to “${album.name}”`,
              action: { label: 'Open', onClick: () => navigate(`/albums/${album.id}`) },
            });
          }}
        />
      )}
    </div>
  );
}
