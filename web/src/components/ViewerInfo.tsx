/** The viewer's side panel: capture time, file, camera, place (GPS), owner, where my photo was sent, and the photo's events. */
import type { ReactNode } from 'react';
import { Calendar, Camera, FileImage, MapPin, Tag, User } from 'lucide-react';
import type { Asset } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { useSession } from '../state/session';
import { DeliveriesInfo } from './DeliveriesInfo';
import { EventMarkers } from './EventMarkers';

interface ViewerInfoProps {
  asset: Asset;
  editable: boolean;
  onChanged?: (asset: Asset) => void;
  extra?: ReactNode;
}

export function ViewerInfo({ asset, editable, onChanged, extra }: ViewerInfoProps) {
  const camera = asset.camera ? [asset.camera.make, asset.camera.model].filter(Boolean).join(' ') : '';
  const hasGps = asset.latitude !== null && asset.longitude !== null;
  const mine = useSession().account?.id === asset.owner.id;

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
        {mine && <DeliveriesInfo key={asset.id} assetId={asset.id} />}
        {extra}
      </dl>
      <h3 className="info-subhead">
        <Tag size={16} /> Events
      </h3>
      <EventMarkers asset={asset} editable={editable} onChanged={onChanged} />
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
