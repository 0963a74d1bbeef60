/**
 * The viewer's "Events" section: the photo's event markers as chips (named after my
 * events, linking to them, × removes), and "Add to event…": free text, with my events
 * as suggestions, nearest in time to the photo first.
 *
 * The server turns tag text into a marker code (lower-case-dashed), so typing the *name*
 * of an auto-detected event ("Saturday 13 June 2026") would start a new event. Picking a
 * suggestion, or typing an existing event's exact name, therefore sends that event's
 * marker code instead, which the server maps to itself.
 */
import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Plus, X } from 'lucide-react';
import { assetsApi } from '../api/assets';
import { errorMessage } from '../api/client';
import { eventsApi } from '../api/events';
import type { Asset, EventSummary } from '../api/types';
import { formatRange, plural } from '../lib/format';
import { useRealtimeRefresh } from '../lib/realtime';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

const MAX_SUGGESTIONS = 6;

interface Props {
  asset: Asset;
  editable: boolean;
  onChanged?: (asset: Asset) => void;
}

export function EventMarkers({ asset, editable, onChanged }: Props) {
  // My events name the chips (a marker code is the same event in every library) and feed the suggestions.
  const events = useAsync(() => eventsApi.list(), []);
  useRealtimeRefresh(['events.updated'], events.reload);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The panel stays mounted while the viewer moves between photos: start clean on each.
  const [shownFor, setShownFor] = useState(asset.id);
  if (shownFor !== asset.id) {
    setShownFor(asset.id);
    setText('');
    setError(null);
    setOpen(false);
  }

  // On phones the info panel is a short scroller: bring the list into view when it opens.
  const revealList = useCallback((el: HTMLUListElement | null) => el?.scrollIntoView({ block: 'nearest' }), []);

  const mine = events.data ?? [];
  const byMarker = new Map(mine.map((e) => [e.marker, e]));
  const query = text.trim().toLowerCase();
  const taken = Date.parse(asset.capturedAt);
  const distance = (e: EventSummary) => Math.max(0, Date.parse(e.startAt) - taken, taken - Date.parse(e.endAt));
  const suggestions = mine
    .filter((e) => !asset.markers.includes(e.marker) && (!query || e.name.toLowerCase().includes(query)))
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, MAX_SUGGESTIONS);

  const change = async (op: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      onChanged?.(await assetsApi.get(asset.id));
      events.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const tag = (marker: string) => {
    setText('');
    setOpen(false);
    setActive(-1);
    void change(() => assetsApi.addMarker(asset.id, marker));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const highlighted = open ? suggestions[active] : undefined;
    if (highlighted) return tag(highlighted.marker);
    if (!query) return;
    const same = mine.filter((ev) => ev.name.trim().toLowerCase() === query);
    const [only] = same;
    tag(same.length === 1 && only ? only.marker : text.trim());
  };
  const key = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(suggestions.length - 1, i + step)));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="event-markers">
      <div className="chips" data-testid="info-markers">
        {asset.markers.length === 0 && <span className="muted small">In no event yet.</span>}
        {asset.markers.map((m) => {
          const ev = byMarker.get(m);
          return (
            <span key={m} className="chip" data-testid="marker-chip" data-marker={m} title={ev ? `${ev.name} · marker ${m}` : m}>
              {ev ? <Link href={`/events/${encodeURIComponent(m)}`}>{ev.name}</Link> : m}
              {editable && (
                <button
                  className="chip-remove"
                  data-testid="marker-remove"
                  aria-label={`Remove from ${ev?.name ?? m}`}
                  disabled={busy}
                  onClick={() => void change(() => assetsApi.removeMarker(asset.id, m))}
                >
                  <X size={13} />
                </button>
              )}
            </span>
          );
        })}
      </div>
      {editable && (
        <form className="marker-form" onSubmit={submit}>
          <input
            className="input input-small"
            placeholder="Add to event…"
            aria-label="Add to event"
            role="combobox"
            aria-expanded={open && suggestions.length > 0}
            aria-controls="marker-suggestions"
            aria-autocomplete="list"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={key}
            data-testid="marker-add-input"
            maxLength={100}
          />
          <button
            className="button button-small"
            disabled={busy || (!query && !(open && suggestions[active]))}
            data-testid="marker-add-submit"
          >
            <Plus size={14} /> Add
          </button>
        </form>
      )}
      {editable && open && suggestions.length > 0 && (
        <ul className="marker-suggestions" id="marker-suggestions" role="listbox" aria-label="My events" ref={revealList}>
          {suggestions.map((e, i) => (
            <li
              key={e.marker}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="marker-suggestion"
              data-marker={e.marker}
              // Keeps the input focused, so the click lands before the list closes on blur.
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => tag(e.marker)}
            >
              <strong>{e.name}</strong>
              <span className="muted small">
                {formatRange(e.startAt, e.endAt)} · {plural(e.assetCount, 'photo')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {editable && open && !suggestions.length && query && (
        <p className="muted small marker-hint">Press Add to start the event “{text.trim()}”.</p>
      )}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
