/** One event: its photos, rename, and "Share event" (preview first, then share and open the album). */
import { useState } from 'react';
import { CalendarDays, ExternalLink, MapPin, Pencil, Share2 } from 'lucide-react';
import { eventsApi } from '../../api/events';
import { AssetGrid } from '../../components/AssetGrid';
import { ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { PromptDialog } from '../../components/PromptDialog';
import { Viewer } from '../../components/Viewer';
import { formatRange, plural } from '../../lib/format';
import { useRealtime, useRealtimeRefresh } from '../../lib/realtime';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { SharePreviewDialog } from './SharePreviewDialog';

export function EventScreen({ marker }: { marker: string }) {
  const data = useAsync(() => eventsApi.get(marker), [marker]);
  const toast = useToast();
  const [viewing, setViewing] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'share' | 'rename' | null>(null);
  useRealtime('events.updated', ({ markers }) => markers.includes(marker) && data.reload());
  useRealtimeRefresh(['asset.ready'], data.reload);

  if (data.error) return <ErrorNote message={data.error} onRetry={data.reload} />;
  if (!data.data) return <Spinner />;
  const { event, assets } = data.data;

  return (
    <div className="screen" data-testid="event-screen" data-marker={event.marker}>
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
            <span>{plural(event.assetCount, 'photo')}</span>
          </span>
        }
        actions={
          <>
            {event.sharedAlbumId && (
              <Link href={`/albums/${encodeURIComponent(event.sharedAlbumId)}`} className="button" data-testid="event-open-album">
                <ExternalLink size={16} /> Event album
              </Link>
            )}
            <button className="button" data-testid="event-rename" onClick={() => setDialog('rename')}>
              <Pencil size={16} /> Rename
            </button>
            <button className="button button-primary" data-testid="event-share" onClick={() => setDialog('share')}>
              <Share2 size={18} /> Share event
            </button>
          </>
        }
      />
      <AssetGrid assets={assets} rowHeight={220} onOpen={setViewing} />
      {viewing !== null && <Viewer assets={assets} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />}
      {dialog === 'share' && (
        <SharePreviewDialog
          event={event}
          onClose={() => setDialog(null)}
          onShared={(r) => {
            setDialog(null);
            toast({
              tone: 'success',
              message: r.recipients.length
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
