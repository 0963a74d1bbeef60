/**
 * The upload panel: a small chip at the bottom left of the page column ("Uploading 2 of 5 · 40 %"), which
 * opens into one row per file with a progress bar while sending, then its result: added (with "Show it",
 * which opens the photo in the library at its date), already in the library, the server's reason for
 * refusing it, or "waiting for the network". It sits left, away from the buttons rows keep on their right
 * (Contacts' edit and delete), folds back to the chip when the files are sent and goes away a little later
 * unless the pointer or the keyboard is in it. Failures keep it open until the person has seen them.
 */
import { useEffect, useRef, useState } from 'react';
import { AlertCircle, CheckCircle2, ChevronDown, CloudOff, Copy, Loader2, Upload, X } from 'lucide-react';
import { formatBytes, formatDate, plural } from '../lib/format';
import { Link, usePathname } from '../lib/router';
import { showAssetHref } from '../lib/use-show-asset';
import type { UploadItem } from '../state/uploads';

/** ms after the last file finished (none failed) before the panel folds into the chip, and before it goes. */
const FOLD_AFTER_MS = 3_000;
const HIDE_AFTER_MS = 12_000;

export function UploadPanel({ items, onClear }: { items: UploadItem[]; onClear: () => void }) {
  // On a phone the panel starts as the chip (its line already shows the progress), so it never sits on the page's buttons.
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 600px)').matches);
  const [hidden, setHidden] = useState(false);
  const [engaged, setEngaged] = useState(false);
  const active = items.filter((i) => i.state === 'queued' || i.state === 'uploading');
  const failed = items.filter((i) => i.state === 'failed').length;
  const settled = active.length === 0 && failed === 0 && items.length > 0;
  const count = items.length;
  const lastCount = useRef(count);
  // /share lists the same queue as its page content.
  const onShareScreen = usePathname() === '/share';

  // New files show the panel again.
  useEffect(() => {
    if (count > lastCount.current) setHidden(false);
    lastCount.current = count;
  }, [count]);
  useEffect(() => {
    if (active.length > 0 || failed > 0) return;
    if (!settled || engaged) return;
    const fold = setTimeout(() => setOpen(false), FOLD_AFTER_MS);
    const hide = setTimeout(() => setHidden(true), HIDE_AFTER_MS);
    return () => {
      clearTimeout(fold);
      clearTimeout(hide);
    };
  }, [active.length, failed, settled, engaged]);

  if (items.length === 0 || hidden || onShareScreen) return null;
  const created = items.filter((i) => i.state === 'created').length;
  const dupes = items.filter((i) => i.state === 'duplicate').length;
  const waiting = active.some((i) => i.waiting) && !active.some((i) => i.state === 'uploading');
  const sent = items.reduce((n, i) => n + i.bytes * i.progress, 0);
  const total = items.reduce((n, i) => n + i.bytes, 0) || 1;
  const percent = `${Math.round((sent / total) * 100)} %`;
  // Short enough for the phone's chip; the second line carries the rest.
  const title = waiting ? "You're offline" : active.length > 0 ? `Uploading ${count - active.length + 1} of ${count}` : 'Uploads done';
  const summary = [
    active.length > 0 && !waiting && percent,
    waiting && `${plural(active.length, 'file')} waiting`,
    created && `${created} added`,
    dupes && `${dupes} already in library`,
    failed && `${failed} failed`,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <section
      className={`upload-panel${open ? '' : ' collapsed'}`}
      data-testid="upload-panel"
      data-open={open}
      aria-label="Uploads"
      onPointerEnter={() => setEngaged(true)}
      onPointerLeave={() => setEngaged(false)}
      onFocus={() => setEngaged(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setEngaged(false)}
    >
      <header className="upload-panel-head">
        <button
          className="upload-chip"
          data-testid="upload-chip"
          aria-expanded={open}
          aria-controls="upload-list"
          onClick={() => setOpen(!open)}
        >
          {waiting ? (
            <CloudOff size={18} aria-hidden />
          ) : active.length > 0 ? (
            <Loader2 size={18} className="spin" aria-hidden />
          ) : failed ? (
            <AlertCircle size={18} className="text-danger" aria-hidden />
          ) : (
            <Upload size={18} aria-hidden />
          )}
          <span className="upload-chip-text">
            <strong>{title}</strong>
            {summary && (
              <span className="upload-panel-summary" data-testid="upload-summary">
                {summary}
              </span>
            )}
          </span>
          <ChevronDown size={18} className="upload-chip-caret" aria-hidden />
        </button>
        {active.length === 0 && (
          <button className="icon-button" aria-label="Close uploads" data-testid="upload-panel-close" onClick={onClear}>
            <X size={18} />
          </button>
        )}
      </header>
      <ul className="upload-list" id="upload-list" hidden={!open}>
        {items.map((i) => (
          <li key={i.key} className={`upload-item upload-${i.state}`} data-testid="upload-item" data-status={i.state}>
            <StatusIcon item={i} />
            <div className="upload-item-body">
              <div className="upload-item-name" title={i.name}>
                {i.name}
              </div>
              {i.state === 'queued' || i.state === 'uploading' ? (
                <>
                  <div
                    className="progress"
                    role="progressbar"
                    aria-label={`${i.name} sent`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(i.progress * 100)}
                  >
                    <div className="progress-bar" style={{ width: `${Math.round(i.progress * 100)}%` }} />
                  </div>
                  {i.waiting && i.message && (
                    <div className="upload-item-note" data-testid="upload-waiting">
                      {i.message}
                    </div>
                  )}
                </>
              ) : (
                <div className="upload-item-note" data-testid="upload-result">
                  {i.state === 'created' && `Added · ${formatBytes(i.bytes)}${i.capturedAt ? ` · taken ${formatDate(i.capturedAt)}` : ''}`}
                  {i.state === 'duplicate' && 'Already in your library'}
                  {i.state === 'failed' && (i.message ?? 'Failed')}
                </div>
              )}
            </div>
            {i.assetId && (i.state === 'created' || i.state === 'duplicate') && (
              <Link href={showAssetHref(i.assetId)} className="button button-small" data-testid="upload-show" aria-label={`Show ${i.name}`}>
                Show it
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatusIcon({ item }: { item: UploadItem }) {
  const { state } = item;
  if (state === 'created') return <CheckCircle2 size={18} className="text-success" aria-label="Added" />;
  if (state === 'duplicate') return <Copy size={18} className="text-muted" aria-label="Duplicate" />;
  if (state === 'failed') return <AlertCircle size={18} className="text-danger" aria-label="Failed" />;
  if (item.waiting) return <CloudOff size={18} className="text-muted" aria-label="Waiting" />;
  return <Loader2 size={18} className={state === 'uploading' ? 'spin text-primary' : 'text-muted'} aria-label="Uploading" />;
}
