/**
 * The upload tray (bottom right): one row per file with a progress bar while sending,
 * then its result: added, already in the library (duplicate), or the server's reason
 * for refusing it.
 */
import { useEffect, useState } from 'react';
import { AlertCircle, CheckCircle2, ChevronDown, ChevronUp, Copy, Loader2, X } from 'lucide-react';
import { formatBytes, plural } from '../lib/format';
import type { UploadItem } from '../state/uploads';

export function UploadPanel({ items, onClear }: { items: UploadItem[]; onClear: () => void }) {
  const [collapsed, setCollapsed] = useState(false);
  const active = items.filter((i) => i.state === 'queued' || i.state === 'uploading').length;
  const anyFailed = items.some((i) => i.state === 'failed');
  // Open while sending; fold to the summary a few seconds after a clean finish, so the
  // tray stops covering photos. Failures stay open until the person has seen them.
  useEffect(() => {
    if (active > 0) return setCollapsed(false);
    if (anyFailed || items.length === 0) return;
    const t = setTimeout(() => setCollapsed(true), 4000);
    return () => clearTimeout(t);
  }, [active, anyFailed, items.length]);
  if (items.length === 0) return null;
  const created = items.filter((i) => i.state === 'created').length;
  const dupes = items.filter((i) => i.state === 'duplicate').length;
  const failed = items.filter((i) => i.state === 'failed').length;
  const title = active > 0 ? `Uploading ${plural(active, 'file')}…` : 'Uploads complete';
  const summary = [created && `${created} added`, dupes && `${dupes} already in library`, failed && `${failed} failed`]
    .filter(Boolean)
    .join(' · ');

  return (
    <section className={`upload-panel${collapsed ? ' collapsed' : ''}`} data-testid="upload-panel" aria-label="Uploads">
      <header className="upload-panel-head">
        <div>
          <strong>{title}</strong>
          {summary && (
            <div className="upload-panel-summary" data-testid="upload-summary">
              {summary}
            </div>
          )}
        </div>
        <div className="row gap-4">
          <button className="icon-button" aria-label={collapsed ? 'Expand' : 'Collapse'} onClick={() => setCollapsed(!collapsed)}>
            {collapsed ? <ChevronUp size={18} /> : <ChevronDown size={18} />}
          </button>
          {active === 0 && (
            <button className="icon-button" aria-label="Close uploads" data-testid="upload-panel-close" onClick={onClear}>
              <X size={18} />
            </button>
          )}
        </div>
      </header>
      <ul className="upload-list" hidden={collapsed}>
        {items.map((i) => (
          <li key={i.key} className={`upload-item upload-${i.state}`} data-testid="upload-item" data-status={i.state}>
            <StatusIcon state={i.state} />
            <div className="upload-item-body">
              <div className="upload-item-name" title={i.name}>
                {i.name}
              </div>
              {i.state === 'queued' || i.state === 'uploading' ? (
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(i.progress * 100)}
                >
                  <div className="progress-bar" style={{ width: `${Math.round(i.progress * 100)}%` }} />
                </div>
              ) : (
                <div className="upload-item-note" data-testid="upload-result">
                  {i.state === 'created' && `Added · ${formatBytes(i.bytes)}`}
                  {i.state === 'duplicate' && 'Already in your library'}
                  {i.state === 'failed' && (i.message ?? 'Failed')}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatusIcon({ state }: { state: UploadItem['state'] }) {
  if (state === 'created') return <CheckCircle2 size={18} className="text-success" aria-label="Added" />;
  if (state === 'duplicate') return <Copy size={18} className="text-muted" aria-label="Duplicate" />;
  if (state === 'failed') return <AlertCircle size={18} className="text-danger" aria-label="Failed" />;
  return <Loader2 size={18} className={state === 'uploading' ? 'spin text-primary' : 'text-muted'} aria-label="Uploading" />;
}
