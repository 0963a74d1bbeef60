/**
 * "Merge…" on an event page: tick other events of mine and their photos move into this
 * one (the others disappear; this event keeps its name, link and album). Events nearest
 * in time come first, since a party split in two by a long pause is the usual case.
 */
import { useState } from 'react';
import { ImageIcon, Merge, Share2 } from 'lucide-react';
import { assetsApi } from '../../api/assets';
import { errorMessage } from '../../api/client';
import { eventsApi } from '../../api/events';
import type { EventDetail, EventSummary } from '../../api/types';
import { Modal } from '../../components/Modal';
import { ErrorNote, Spinner } from '../../components/PageHeader';
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
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const at = Date.parse(event.startAt);
  const others = (events.data ?? [])
    .filter((e) => e.marker !== event.marker)
    .sort((a, b) => Math.abs(Date.parse(a.startAt) - at) - Math.abs(Date.parse(b.startAt) - at));

  const toggle = (marker: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(marker)) next.add(marker);
      return next;
    });
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      onMerged(await eventsApi.merge(event.marker, [...picked]), picked.size);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Merge into “${event.name}”`}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          {error && <span className="form-error grow">{error}</span>}
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            className="button button-primary"
            disabled={busy || picked.size === 0}
            data-testid="merge-confirm"
            onClick={() => void merge()}
          >
            <Merge size={16} /> {picked.size ? `Merge ${plural(picked.size, 'event')}` : 'Merge'}
          </button>
        </>
      }
    >
      <p className="muted">The photos of the events you tick move into this one; those events then disappear.</p>
      {events.loading && <Spinner />}
      {events.error && <ErrorNote message={events.error} onRetry={events.reload} />}
      {events.data && others.length === 0 && <p className="muted merge-empty">You have no other events.</p>}
      <ul className="merge-list">
        {others.map((e) => (
          <li key={e.marker}>
            <label className={`merge-option${picked.has(e.marker) ? ' on' : ''}`} data-testid="merge-option" data-marker={e.marker}>
              <input type="checkbox" checked={picked.has(e.marker)} disabled={busy} onChange={() => toggle(e.marker)} />
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
            </label>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
