/** The viewer's side panel: capture time, file, camera, place (GPS), owner and event markers. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Calendar, Camera, FileImage, MapPin, Tag, User, X } from 'lucide-react';
import { assetsApi } from '../api/assets';
import { errorMessage } from '../api/client';
import type { Asset } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';

interface ViewerInfoProps {
  asset: Asset;
  editable: boolean;
  onChanged?: (asset: Asset) => void;
  extra?: ReactNode;
}

export function ViewerInfo({ asset, editable, onChanged, extra }: ViewerInfoProps) {
  const [marker, setMarker] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const camera = asset.camera ? [asset.camera.make, asset.camera.model].filter(Boolean).join(' ') : '';
  const hasGps = asset.latitude !== null && asset.longitude !== null;

  const change = async (op: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      onChanged?.(await assetsApi.get(asset.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    const m = marker.trim();
    if (!m) return;
    setMarker('');
    void change(() => assetsApi.addMarker(asset.id, m));
  };

  return (
    <aside className="viewer-info" data-testid="viewer-info">
      <h2>Details</h2>
      <dl className="info-list">
        <InfoRow icon={<Calendar size={18} />} label="Taken" testId="info-captured">
          {formatDateTime(asset.capturedAt)}
        </InfoRow>
        <InfoRow icon={<FileImage size={18} />} label="File">
          <span className="break">{asset.originalName}</span>
          <span className="muted">
            {asset.width} × {asset.height} · {formatBytes(asset.bytes)}
          </span>
        </InfoRow>
        <InfoRow icon={<Camera size={18} />} label="Camera" testId="info-camera">
          {camera || <span className="muted">Unknown camera</span>}
        </InfoRow>
        <InfoRow icon={<MapPin size={18} />} label="Location" testId="info-gps">
          {hasGps ? (
            <a
              href={`https://www.openstreetmap.org/?mlat=${asset.latitude}&mlon=${asset.longitude}#map=15/${asset.latitude}/${asset.longitude}`}
              target="_blank"
              rel="noreferrer"
            >
              {asset.latitude!.toFixed(5)}, {asset.longitude!.toFixed(5)}
            </a>
          ) : (
            <span className="muted">No location</span>
          )}
        </InfoRow>
        <InfoRow icon={<User size={18} />} label="Owner" showLabel>
          {asset.owner.displayName} <span className="muted">@{asset.owner.username}</span>
        </InfoRow>
        {extra}
      </dl>
      <h3 className="info-subhead">
        <Tag size={16} /> Event markers
      </h3>
      <div className="chips" data-testid="info-markers">
        {asset.markers.length === 0 && <span className="muted small">No markers. A marker groups photos into an event.</span>}
        {asset.markers.map((m) => (
          <span key={m} className="chip" data-testid="marker-chip">
            {m}
            {editable && (
              <button
                className="chip-remove"
                aria-label={`Remove marker ${m}`}
                disabled={busy}
                onClick={() => void change(() => assetsApi.removeMarker(asset.id, m))}
              >
                <X size={12} />
              </button>
            )}
          </span>
        ))}
      </div>
      {editable && (
        <form className="marker-form" onSubmit={add}>
          <input
            className="input input-small"
            placeholder="Add a marker, e.g. party-2025"
            value={marker}
            onChange={(e) => setMarker(e.target.value)}
            data-testid="marker-input"
            maxLength={100}
          />
          <button className="button button-small" disabled={busy || !marker.trim()}>
            Add
          </button>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}
    </aside>
  );
}

/** One metadata line; `showLabel` prints the label too, where the icon alone is ambiguous. */
export function InfoRow({
  icon,
  label,
  children,
  testId,
  showLabel,
}: {
  icon: ReactNode;
  label: string;
  children: ReactNode;
  testId?: string;
  showLabel?: boolean;
}) {
  return (
    <div className="info-row" data-testid={testId}>
      <dt aria-label={label}>{icon}</dt>
      <dd>
        {showLabel && <span className="info-label">{label}</span>}
        {children}
      </dd>
    </div>
  );
}
