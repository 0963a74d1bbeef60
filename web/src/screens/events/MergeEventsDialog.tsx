/**
 * "Merge…" on an event page: tick other events of mine and their photos move into this
 * one (the others disappear; this event keeps its name, link and album). Events nearest
 * in time come first, since a party split in two by a long pause is the usual case.
 */
import { ImageIcon, Share2 } from 'lucide-react';
import { assetsApi } from '../../api/assets';
import { eventsApi } from '../../api/events';
import type { EventDetail, EventSummary } from '../../api/types';
import { MergeDialog } from '../../components/MergeDialog';
import { formatRange, plural } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

interface Props {
  event: EventSummary;
  onClose: () => void;
  /** The merged event as the server answers it, and how many events went into it. */
  onMerged: (detail: EventDetail, count: number) => void;
}

export function MergeEventsDialog({ event, onClose, onMerged }: Props) {
  const events = useAsync(() => eventsApi.list(), []);
  const at = Date.parse(event.startAt);
  const others = events.data
    ?.filter((e) => e.marker !== event.marker)
    .sort((a, b) => Math.abs(Date.parse(a.startAt) - at) - Math.abs(Date.parse(b.startAt) - at));

  return (
    <MergeDialog<EventSummary>
      title={`Merge into “${event.name}”`}
      intro="The photos of the events you tick move into this one; those events then disappear."
      options={others ?? null}
      loadError={events.error}
      onRetry={events.reload}
      keyOf={(e) => e.marker}
      render={(e) => (
        <>
          <span className="album-cover album-cover-small">
            {e.coverAssetId ? (
              <img src={assetsApi.thumbnailUrl(e.coverAssetId)} alt="" loading="lazy" />
            ) : (
              <span className="album-cover-empty">
                <ImageIcon size={18} strokeWidth={1.5} />
              </span>
            )}
          </span>
          <span className="merge-option-text">
            <strong>{e.name}</strong>
            <span className="muted small">
              {formatRange(e.startAt, e.endAt)} · {plural(e.assetCount, 'photo')}
            </span>
          </span>
          {e.sharedAlbumId && (
            <span className="badge badge-soft" title="This event has a shared album">
              <Share2 size={12} /> Shared
            </span>
          )}
        </>
      )}
      confirmLabel={(n) => `Merge ${plural(n, 'event')}`}
      empty="You have no other events."
      onMerge={async (markers) => onMerged(await eventsApi.merge(event.marker, markers), markers.length)}
      onClose={onClose}
      testIds={{ dialog: 'merge-dialog', option: 'merge-option', confirm: 'merge-confirm', optionAttr: 'data-marker' }}
    />
  );
}
