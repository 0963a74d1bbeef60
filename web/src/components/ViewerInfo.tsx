/**
 * The viewer's side panel: capture time, file, camera, place (the name of the place near the photo's own GPS
 * position, from the server's offline GeoNames lookup, and the position itself), owner, who my photo was sent to and the shared
 * albums it is in, the people in it, and its events.
 */
import type { ReactNode } from 'react';
import { Calendar, Camera, FileImage, MapPin, Tag, User } from 'lucide-react';
import { assetsApi } from '../api/assets';
import type { Asset, Face } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useSession } from '../state/session';
import { DeliveriesInfo } from './DeliveriesInfo';
import { EventMarkers } from './EventMarkers';
import { SharedInInfo } from './viewer/SharedInInfo';
import { ViewerFaces } from './viewer/ViewerFaces';

interface ViewerInfoProps {
  asset: Asset;
  editable: boolean;
  onChanged?: (asset: Asset) => void;
  extra?: ReactNode;
  /** The photo's faces (GET /api/assets/{id}/faces); null while loading. */
  faces: Face[] | null;
  onFacesChanged: () => void;
}

export function ViewerInfo({ asset, editable, onChanged, extra, faces, onFacesChanged }: ViewerInfoProps) {
  const camera = asset.camera ? [asset.camera.make, asset.camera.model].filter(Boolean).join(' ') : '';
  const hasGps = asset.latitude !== null && asset.longitude !== null;
  const mine = useSession().account?.id === asset.owner.id;
  const place = usePlaceName(asset);

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
          {place && <span data-testid="info-place">{place}</span>}
          {hasGps ? (
            <a
              href={`https://www.openstreetmap.org/?mlat=${asset.latitude}&mlon=${asset.longitude}#map=15/${asset.latitude}/${asset.longitude}`}
              target="_blank"
              rel="noreferrer"
            >
              {asset.latitude!.toFixed(5)}, {asset.longitude!.toFixed(5)}
            </a>
          ) : (
            !place && <span className="muted">No location</span>
          )}
        </InfoRow>
        <InfoRow icon={<User size={18} />} label="Owner" showLabel>
          {asset.owner.displayName} <span className="muted">@{asset.owner.username}</span>
        </InfoRow>
        {mine && <DeliveriesInfo key={asset.id} assetId={asset.id} />}
        {mine && <SharedInInfo key={`s-${asset.id}`} assetId={asset.id} />}
        {extra}
      </dl>
      {faces && <ViewerFaces faces={faces} onNamed={onFacesChanged} />}
      <h3 className="info-subhead">
        <Tag size={16} /> Events
      </h3>
      <EventMarkers asset={asset} editable={editable} onChanged={onChanged} />
    </aside>
  );
}

/**
 * The place name near the photo's own GPS position (`GET /api/assets/{id}/place`: the most populous GeoNames
 * place within 25 km), or null for a photo without a position.
 */
function usePlaceName(asset: Asset): string | null {
  const hasGps = asset.latitude !== null && asset.longitude !== null;
  const place = useAsync<string | null>(
    () => (hasGps ? assetsApi.place(asset.id).catch(() => null) : Promise.resolve(null)),
    [asset.id, hasGps],
  );
  return place.data ?? null;
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
