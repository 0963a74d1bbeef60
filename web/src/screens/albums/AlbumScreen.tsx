/**
 * One album: its photos (with contributor credit on event and shared albums), members,
 * and for the owner: add photos, remove a selection, rename, delete. Dropping photos
 * here uploads them and adds them to the album.
 */
import { useMemo, useState } from 'react';
import { ImagePlus, MinusCircle, Pencil, Share2, Trash2, UserPlus } from 'lucide-react';
import { albumsApi } from '../../api/albums';
import { errorMessage } from '../../api/client';
import type { AlbumAsset, AlbumDetail } from '../../api/types';
import { AssetGrid } from '../../components/AssetGrid';
import { ContributorBadge } from '../../components/ContributorBadge';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { PromptDialog } from '../../components/PromptDialog';
import { SelectionBar } from '../../components/SelectionBar';
import { Viewer } from '../../components/Viewer';
import { InfoRow } from '../../components/ViewerInfo';
import { formatRange, plural } from '../../lib/format';
import { useRealtime, useRealtimeRefresh } from '../../lib/realtime';
import { navigate } from '../../lib/router';
import { useNavSection } from '../../lib/nav-hint';
import { useAsync } from '../../lib/use-async';
import { useSelection } from '../../lib/use-selection';
import { useConfirm } from '../../state/confirm';
import { useAccount } from '../../state/session';
import { useToast } from '../../state/toasts';
import { useDropTarget, useUploads } from '../../state/uploads';
import { AddPhotosDialog } from './AddPhotosDialog';
import { AlbumMembers } from './AlbumMembers';
import { ShareAlbumDialog } from './ShareAlbumDialog';

export function AlbumScreen({ id }: { id: string }) {
  const me = useAccount();
  const album = useAsync(() => albumsApi.get(id), [id]);
  const sel = useSelection();
  const confirm = useConfirm();
  const toast = useToast();
  const { upload } = useUploads();
  const [viewing, setViewing] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'add' | 'rename' | 'share' | null>(null);

  useRealtime('album.updated', ({ albumId }) => albumId === id && album.reload());
  useRealtimeRefresh(['asset.ready'], album.reload);

  const a = album.data;
  const isOwner = a?.role === 'owner';
  useNavSection(a ? (a.role !== 'owner' ? 'shared' : a.kind === 'inbox' ? 'inbox' : 'albums') : null);
  // The inbox album holds what others sent: photos are not added to it by hand. Contributors add their own.
  const canAdd = (isOwner || a?.role === 'contributor') && a?.kind !== 'inbox';
  const existing = useMemo(() => new Set(a?.assets.map((x) => x.id) ?? []), [a]);
  const contributors = useMemo(() => new Set(a?.assets.map((x) => x.uploaderName ?? x.contributor.id) ?? []), [a]);
  const credit = !!a && (a.kind === 'event' || contributors.size > 1 || a.role !== 'owner');

  useDropTarget(
    a && canAdd
      ? {
          label: `Drop photos to add them to “${a.name}”`,
          onDrop: (files) =>
            upload(files, {
              onComplete: (results) => {
                const ids = results.flatMap((r) => (r.asset ? [r.asset.id] : []));
                if (ids.length)
                  void albumsApi
                    .addAssets(id, ids)
                    .then(album.reload, (err: unknown) => toast({ tone: 'error', message: errorMessage(err) }));
              },
            }),
        }
      : null,
  );

  const removeSelected = async () => {
    if (
      !(await confirm({
        title: `Remove ${plural(sel.count, 'photo')} from this album?`,
        body: 'The photos stay in their owners’ libraries.',
        confirmLabel: 'Remove',
        danger: true,
      }))
    )
      return;
    try {
      const removed = await albumsApi.removeAssets(id, sel.ids);
      sel.clear();
      album.reload();
      toast({ tone: 'success', message: `Removed ${plural(removed, 'photo')}` });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const deleteAlbum = async (x: AlbumDetail) => {
    if (
      !(await confirm({
        title: `Delete “${x.name}”?`,
        body: 'The album goes away; its photos stay in your library.',
        confirmLabel: 'Delete album',
        danger: true,
      }))
    )
      return;
    try {
      await albumsApi.remove(id);
      navigate('/albums', { replace: true });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  // An album that was never shared with me, or that its owner stopped sharing, answers 404: give a way out.
  if (album.error)
    return (
      <div className="screen" data-testid="album-screen-error">
        <PageHeader title="Album" back={{ href: '/albums', label: 'Albums' }} />
        <ErrorNote message={album.error} onRetry={album.reload} />
      </div>
    );
  if (!a) return <Spinner />;
  const range = formatRange(a.startAt, a.endAt);
  const back =
    a.role !== 'owner'
      ? { href: '/shared', label: 'Shared with me' }
      : a.kind === 'inbox'
        ? { href: '/inbox', label: 'Inbox' }
        : { href: '/albums', label: 'Albums' };

  return (
    <div className="screen" data-testid="album-screen" data-album-id={a.id}>
      {sel.count > 0 ? (
        <SelectionBar count={sel.count} onClear={sel.clear}>
          <button className="button button-danger-ghost" data-testid="album-remove-selected" onClick={() => void removeSelected()}>
            <MinusCircle size={18} /> Remove from album
          </button>
        </SelectionBar>
      ) : (
        <PageHeader
          back={back}
          title={<span data-testid="album-title">{a.name}</span>}
          subtitle={
            <>
              {plural(a.assetCount, 'item')}
              {range && ` · ${range}`}
              {a.role !== 'owner' && ` · shared by ${a.owner.displayName}`}
              {a.role === 'contributor' && ' · you can add photos'}
            </>
          }
          actions={
            (isOwner || canAdd) && (
              <>
                {canAdd && (
                  <button className="button button-primary" data-testid="album-add-photos" onClick={() => setDialog('add')}>
                    <ImagePlus size={18} /> Add photos
                  </button>
                )}
                {isOwner && a.kind !== 'inbox' && (
                  <button className="button" data-testid="album-share" onClick={() => setDialog('share')}>
                    <Share2 size={16} /> Share
                  </button>
                )}
                {isOwner && (
                  <>
                    <button className="button" data-testid="album-rename" onClick={() => setDialog('rename')}>
                      <Pencil size={16} /> Rename
                    </button>
                    <button
                      className="button button-danger-ghost icon-only"
                      aria-label="Delete album"
                      title="Delete album"
                      data-testid="album-delete"
                      onClick={() => void deleteAlbum(a)}
                    >
                      <Trash2 size={18} />
                    </button>
                  </>
                )}
              </>
            )
          }
        />
      )}
      <AlbumMembers members={a.members} />

      {a.assets.length === 0 && (
        <EmptyState icon={<ImagePlus size={40} strokeWidth={1.5} />} title="This album is empty" testId="album-empty">
          {isOwner ? <p>Add photos from your library, or drop them here.</p> : <p>Photos will appear here as people add them.</p>}
        </EmptyState>
      )}
      <AssetGrid<AlbumAsset>
        assets={a.assets}
        groupByDay={a.kind === 'event'}
        selected={isOwner ? sel.selected : undefined}
        onToggle={(x) => sel.toggle(x.id)}
        onOpen={setViewing}
        badge={
          credit
            ? (x) =>
                x.uploaderName ? (
                  <span data-testid="uploader-credit">
                    <ContributorBadge who={{ id: `link:${x.uploaderName}`, username: '', displayName: x.uploaderName }} />
                  </span>
                ) : (
                  <ContributorBadge who={x.contributor} />
                )
            : undefined
        }
      />

      {viewing !== null && (
        <Viewer<AlbumAsset>
          assets={a.assets}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          canEdit={(x) => x.owner.id === me.id}
          onChanged={() => album.reload()}
          extraInfo={(x) => (
            <InfoRow icon={<UserPlus size={18} />} label="Added by" testId="info-contributor" showLabel>
              {x.uploaderName ? (
                <>
                  {x.uploaderName} <span className="muted">through a public link</span>
                </>
              ) : (
                <>
                  {x.contributor.displayName} <span className="muted">@{x.contributor.username}</span>
                </>
              )}
            </InfoRow>
          )}
        />
      )}
      {dialog === 'add' && (
        <AddPhotosDialog
          albumName={a.name}
          existing={existing}
          onClose={() => setDialog(null)}
          onAdd={async (ids) => {
            const added = await albumsApi.addAssets(id, ids);
            setDialog(null);
            album.reload();
            toast({ tone: 'success', message: `Added ${plural(added, 'photo')} to “${a.name}”` });
          }}
        />
      )}
      {dialog === 'share' && <ShareAlbumDialog album={a} onClose={() => setDialog(null)} onChanged={album.reload} />}
      {dialog === 'rename' && (
        <PromptDialog
          title="Rename album"
          label="Name"
          initial={a.name}
          submitLabel="Save"
          testId="album-rename-dialog"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await albumsApi.rename(id, name);
            setDialog(null);
            album.setData((prev) => (prev ? { ...prev, name } : prev));
          }}
        />
      )}
    </div>
  );
}
