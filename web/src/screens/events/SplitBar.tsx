/**
 * Split mode on an event page. The owner clicks the photo that starts the new event;
 * every photo taken at or after that moment moves there (the server splits by time,
 * so photos sharing the chosen one's timestamp move too). This bar replaces the page
 * header meanwhile: what will happen, then "Split here". Escape leaves the mode.
 * The parent keys it by the chosen photo, so a new choice clears the last error.
 */
import { useEffect, useRef, useState } from 'react';
import { Scissors, X } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { eventsApi } from '../../api/events';
import type { Asset, EventSummary } from '../../api/types';
import { formatDateTime, plural } from '../../lib/format';

/** Photos that would move to the new event when it starts at `start` (capture time ≥ start's). */
export function movesToNewEvent(asset: Asset, start: Asset | null): boolean {
  return !!start && Date.parse(asset.capturedAt) >= Date.parse(start.capturedAt);
}

interface Props {
  marker: string;
  assets: Asset[];
  start: Asset | null;
  onCancel: () => void;
  onSplit: (events: [EventSummary, EventSummary]) => void;
}

export function SplitBar({ marker, assets, start, onCancel, onSplit }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && cancel.current();
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const moving = start ? assets.filter((a) => movesToNewEvent(a, start)).length : 0;
  const staying = assets.length - moving;
  const split = async () => {
    if (!start) return;
    setBusy(true);
    setError(null);
    try {
      onSplit(await eventsApi.split(marker, start.capturedAt));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  let message: string;
  if (!start) message = 'Click the first photo of the new event';
  else if (staying === 0) message = 'That is where this event already starts. Pick a later photo.';
  else
    message = `New event from ${formatDateTime(start.capturedAt)}: ${plural(moving, 'photo')} ${moving === 1 ? 'moves' : 'move'} to it, ${plural(staying, 'photo')} ${staying === 1 ? 'stays' : 'stay'}`;

  return (
    <div className="selection-bar split-bar" data-testid="split-bar" role="region" aria-label="Split event">
      <button className="icon-button" aria-label="Cancel split" onClick={onCancel}>
        <X size={20} />
      </button>
      <Scissors size={18} className="split-bar-icon" aria-hidden />
      <div className="split-bar-text">
        <strong data-testid="split-summary">{message}</strong>
        {error && (
          <span className="form-error" role="alert" data-testid="split-error">
            {error}
          </span>
        )}
      </div>
      <div className="selection-actions">
        <button className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          className="button button-primary"
          disabled={!start || staying === 0 || busy}
          data-testid="split-confirm"
          onClick={() => void split()}
        >
          <Scissors size={16} /> Split here
        </button>
      </div>
    </div>
  );
}
