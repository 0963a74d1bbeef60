/**
 * One event: its photos; rename, merge other events into it, split it at a photo; and
 * "Share event" (preview first, then share and open the album).
 */
import { useState } from 'react';
import { CalendarDays, ExternalLink, MapPin, Merge, Pencil, Scissors, Share2 } from 'lucide-react';
import { eventsApi } from '../../api/events';
import type { Asset } from '../../api/types';
import { AssetGrid } from '../../components/AssetGrid';
import { ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { PromptDialog } from '../../components/PromptDialog';
import { Viewer } from '../../components/Viewer';
import { dayKey, formatRange, plural } from '../../lib/format';
import { useRealtime, useRealtimeRefresh } from '../../lib/realtime';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { MergeEventsDialog } from './MergeEventsDialog';
import { SharedEventState } from './SharedEventState';
import { SharePreviewDialog } from './SharePreviewDialog';
import { movesToNewEvent, SplitBar } from './SplitBar';

export function EventScreen({ marker }: { marker: string }) {
  const data = useAsync(() => eventsApi.get(marker), [marker]);
  const sharedAlbumId = data.data?.event.sharedAlbumId ?? null;
  // Once shared, the screen shows with whom and what sharing again would add (the preview's figures).
  const shared = useAsync(
    () => (sharedAlbumId ? eventsApi.sharePreview(marker) : Promise.resolve(null)),
    [marker, sharedAlbumId, data.data?.event.assetCount],
  );
  const toast = useToast();
  const [viewing, setViewing] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'share' | 'rename' | 'merge' | null>(null);
  /** Split mode: `null` off, `{ start: null }` waiting for the click on the new event's first photo. */
  const [split, setSplit] = useState<{ start: Asset | null } | null>(null);
  useRealtime('events.updated', ({ markers }) => markers.includes(marker) && data.reload());
  useRealtimeRefresh(['asset.ready'], data.reload);
  useRealtimeRefresh(['album.updated', 'album.shared'], shared.reload);

  if (data.error) return <ErrorNote message={data.error} onRetry={data.reload} />;
  if (!data.data) return <Spinner />;
  const { event, assets } = data.data;

  const splitStart = split?.start ?? null;
  // Assets come in capture order, so a valid start is any photo later than the first.
  const firstAsset = assets[0];
  const splitValid = !!splitStart && !!firstAsset && Date.parse(splitStart.capturedAt) > Date.parse(firstAsset.capturedAt);
  return (
    <div className="screen" data-testid="event-screen" data-marker={event.marker}>
      {split && (
        <SplitBar
          key={splitStart?.id ?? 'none'}
          marker={marker}
          assets={assets}
          start={splitStart}
          onCancel={() => setSplit(null)}
          onSplit={([first, second]) => {
            setSplit(null);
            toast({
              tone: 'success',
              message: `Split off “${second.name}” with ${plural(second.assetCount, 'photo')}`,
              action: { label: 'Open', onClick: () => navigate(`/events/${encodeURIComponent(second.marker)}`) },
            });
            // The first part keeps this page's marker; go there (or just refresh when it is this page).
            if (first.marker === marker) data.reload();
            else navigate(`/events/${encodeURIComponent(first.marker)}`);
          }}
        />
      )}
      <PageHeader
        back={{ href: '/events', label: 'Events' }}
        title={<span data-testid="event-title">{event.name}</span>}
        subtitle={
          <span className="row gap-12 wrap">
            <span className="row gap-4">
              <CalendarDays size={15} /> {formatRange(event.startAt, event.endAt)}
            </span>
            {event.place && (
              <span className="row gap-4">
                <MapPin size={15} /> {event.place}
              </span>
            )}
            <span data-testid="event-count">{plural(event.assetCount, 'photo')}</span>
          </span>
        }
        actions={
          !split && (
            <>
              {event.sharedAlbumId && (
                <Link href={`/albums/${encodeURIComponent(event.sharedAlbumId)}`} className="button" data-testid="event-open-album">
                  <ExternalLink size={16} /> Event album
                </Link>
              )}
              <button className="button" data-testid="event-rename" onClick={() => setDialog('rename')}>
                <Pencil size={16} /> Rename
              </button>
              <button className="button" data-testid="event-merge" onClick={() => setDialog('merge')}>
                <Merge size={16} /> Merge…
              </button>
              <button
                className="button"
                data-testid="event-split"
                disabled={assets.length < 2}
                title={assets.length < 2 ? 'An event needs two photos to split' : undefined}
                onClick={() => setSplit({ start: null })}
              >
                <Scissors size={16} /> Split…
              </button>
              {(!shared.data?.album || shared.data.newAssetCount > 0) && (
                <button className="button button-primary" data-testid="event-share" onClick={() => setDialog('share')}>
                  <Share2 size={18} /> {shared.data?.album ? `Add ${plural(shared.data.newAssetCount, 'new photo')}` : 'Share event'}
                </button>
              )}
            </>
          )
        }
      />
      {shared.data && <SharedEventState preview={shared.data} />}
      <div className={split ? 'split-mode' : undefined}>
        <AssetGrid
          assets={assets}
          rowHeight={220}
          groupByDay={dayKey(event.startAt) !== dayKey(event.endAt)}
          onOpen={(i) => (split ? setSplit({ start: assets[i] ?? null }) : setViewing(i))}
          badge={split ? (a) => <SplitMark asset={a} start={splitStart} valid={splitValid} /> : undefined}
        />
      </div>
      {viewing !== null && (
        <Viewer assets={assets} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} onChanged={() => data.reload()} />
      )}
      {dialog === 'merge' && (
        <MergeEventsDialog
          event={event}
          onClose={() => setDialog(null)}
          onMerged={(merged, count) => {
            setDialog(null);
            data.setData(merged);
            toast({ tone: 'success', message: `Merged ${plural(count, 'event')} into “${merged.event.name}”` });
          }}
        />
      )}
      {dialog === 'share' && (
        <SharePreviewDialog
          event={event}
          onClose={() => setDialog(null)}
          onShared={(r, alreadyShared) => {
            setDialog(null);
            if (!alreadyShared || r.addedAssetCount)
              toast({
                tone: 'success',
                message: alreadyShared
                  ? `Added ${plural(r.addedAssetCount, 'photo')} to “${r.album.name}”`
                  : r.recipients.length
                    ? `Shared “${r.album.name}” with ${plural(r.recipients.length, 'person', 'people')}`
                    : `Created the event album “${r.album.name}”`,
              });
            navigate(`/albums/${encodeURIComponent(r.album.id)}`);
          }}
        />
      )}
      {dialog === 'rename' && (
        <PromptDialog
          title="Rename event"
          label="Name"
          initial={event.name}
          submitLabel="Save"
          testId="event-rename-dialog"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await eventsApi.rename(marker, name);
            setDialog(null);
            data.reload();
          }}
        />
      )}
    </div>
  );
}

/**
 * In split mode: "New event starts here" on the chosen photo and a tint on the others that
 * move with it; `valid` is false when the choice would leave this event empty.
 */
function SplitMark({ asset, start, valid }: { asset: Asset; start: Asset | null; valid: boolean }) {
  if (!movesToNewEvent(asset, start) || (!valid && asset.id !== start?.id)) return null;
  if (asset.id !== start?.id) return <span className="split-mark" aria-hidden />;
  return (
    <span className={`split-mark split-start${valid ? '' : ' split-invalid'}`} data-testid="split-start">
      <span className="split-start-label">
        <Scissors size={13} /> {valid ? 'New event starts here' : 'Already the first photo'}
      </span>
    </span>
  );
}
