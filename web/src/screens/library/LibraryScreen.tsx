/**
 * Library: every photo I own, grouped by capture day, with infinite scroll, upload by
 * button or drop anywhere, the viewer, a date scrubber, and a selection mode to add to albums,
 * favourite, archive or delete. Above the grid: "Send to Bob and Carol?" cards for photos in which
 * contacts were recognised. The same screen shows Favourites and the Archive (`view`), as Google Photos does.
 */
import { useEffect, useState } from 'react';
import { Archive, ArchiveRestore, FolderPlus, Heart, HeartOff, Images, Trash2, Upload } from 'lucide-react';
import type { LibraryView } from '../../api/assets';
import type { Asset } from '../../api/types';
import { AddToAlbumDialog } from '../../components/AddToAlbumDialog';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { RoutingSuggestions } from '../../components/RoutingSuggestions';
import { SelectionBar } from '../../components/SelectionBar';
import { monthLabel } from '../../components/TimelineScrubber';
import { Viewer } from '../../components/Viewer';
import { plural } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useSelection } from '../../lib/use-selection';
import { useShowAsset } from '../../lib/use-show-asset';
import { useToast } from '../../state/toasts';
import { useUploads } from '../../state/uploads';
import { useAssetFlags } from './use-asset-flags';
import { useLibrary } from './use-library';
import { useMoveToTrash } from './use-move-to-trash';
import { useTimelineScrubber } from './use-timeline-scrubber';

const TITLES: Record<LibraryView, { title: string; testId: string; empty: string; hint: string }> = {
  timeline: { title: 'Library', testId: 'library-screen', empty: 'Your library is empty', hint: '' },
  favorites: {
    title: 'Favourites',
    testId: 'favorites-screen',
    empty: 'No favourites yet',
    hint: 'Select photos and choose Favourite, or tap the heart in the viewer.',
  },
  archive: {
    title: 'Archive',
    testId: 'archive-screen',
    empty: 'Nothing archived',
    hint: 'Archived photos leave the library and events but stay in albums. Select photos in the library and choose Archive.',
  },
};

/** Whether a photo belongs in a view (after its flags changed). */
const inView = (view: LibraryView) => (a: Asset) => (view === 'favorites' ? a.favorite : view === 'archive' ? a.archived : !a.archived);

export function LibraryScreen({ view = 'timeline' }: { view?: LibraryView }) {
  const lib = useLibrary(view);
  const text = TITLES[view];
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

  const setFlags = useAssetFlags(inView(view), lib.remove, lib.replace);
  const selectedAssets = () => lib.items.filter((a) => sel.selected.has(a.id));
  const flagSelected = (flags: { favorite?: boolean; archived?: boolean }) =>
    void setFlags(selectedAssets(), flags).then((ok) => ok && sel.clear());
  const allFavourite = sel.count > 0 && selectedAssets().every((a) => a.favorite);
  const scrubber = useTimelineScrubber(view === 'timeline', lib);

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
    <div className={`screen${scrubber.node ? ' with-scrubber' : ''}`} data-testid={text.testId}>
      {sel.count > 0 ? (
        <SelectionBar count={sel.count} onClear={sel.clear}>
          {view !== 'archive' && (
            <button className="button" data-testid="selection-add-to-album" onClick={() => setAdding(true)}>
              <FolderPlus size={18} aria-hidden /> <span className="selection-label">Add to album</span>
            </button>
          )}
          <button className="button" data-testid="selection-favorite" onClick={() => flagSelected({ favorite: !allFavourite })}>
            {allFavourite ? <HeartOff size={18} aria-hidden /> : <Heart size={18} aria-hidden />}{' '}
            <span className="selection-label">{allFavourite ? 'Unfavourite' : 'Favourite'}</span>
          </button>
          {view === 'archive' ? (
            <button className="button" data-testid="selection-unarchive" onClick={() => flagSelected({ archived: false })}>
              <ArchiveRestore size={18} aria-hidden /> <span className="selection-label">Unarchive</span>
            </button>
          ) : (
            <button className="button" data-testid="selection-archive" onClick={() => flagSelected({ archived: true })}>
              <Archive size={18} aria-hidden /> <span className="selection-label">Archive</span>
            </button>
          )}
          <button
            className="button button-danger-ghost"
            data-testid="selection-delete"
            onClick={() => void deleteAssets(sel.ids).then((ok) => ok && sel.clear())}
          >
            <Trash2 size={18} aria-hidden /> <span className="selection-label">Delete</span>
          </button>
        </SelectionBar>
      ) : (
        <PageHeader
          title={text.title}
          subtitle={
            view === 'timeline' && scrubber.total !== null
              ? plural(scrubber.total, 'photo')
              : lib.items.length > 0
                ? `${plural(lib.items.length, 'photo')}${lib.done ? '' : '+'}`
                : undefined
          }
          actions={view === 'timeline' ? uploadButton : undefined}
        />
      )}

      {view === 'timeline' && <RoutingSuggestions />}
      {lib.from && (
        <div className="jump-note" data-testid="timeline-from">
          <span>
            From <strong>{monthLabel(lib.from)}</strong> and older
          </span>
          <button className="button" data-testid="timeline-newest" onClick={() => scrubber.toNewest()}>
            Back to newest
          </button>
        </div>
      )}
      {lib.error && <ErrorNote message={lib.error} onRetry={lib.retry} />}
      {!lib.loading && !lib.error && lib.items.length === 0 && (
        <EmptyState
          icon={
            view === 'favorites' ? (
              <Heart size={40} strokeWidth={1.5} />
            ) : view === 'archive' ? (
              <Archive size={40} strokeWidth={1.5} />
            ) : (
              <Images size={40} strokeWidth={1.5} />
            )
          }
          title={text.empty}
          testId={view === 'timeline' ? 'library-empty' : `${view}-empty`}
        >
          {view === 'timeline' ? (
            <>
              <p>Drop photos anywhere on this page, or pick them from your device.</p>
              {uploadButton}
            </>
          ) : (
            <p>{text.hint}</p>
          )}
        </EmptyState>
      )}
      <AssetGrid assets={lib.items} groupByDay selected={sel.selected} onToggle={(a) => sel.toggle(a.id)} onOpen={setViewing} />
      {lib.loading && <Spinner label={lib.items.length ? 'Loading more…' : 'Loading your library…'} />}
      {scrubber.node}
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
