/** An event tile: cover, name, when, where, how many photos, and whether it is shared. */
import { CalendarDays, MapPin, Share2 } from 'lucide-react';
import type { EventSummary } from '../../api/types';
import { AlbumCover } from '../../components/AlbumCard';
import { formatRange, plural } from '../../lib/format';
import { Link } from '../../lib/router';

export function EventCard({ event: e }: { event: EventSummary }) {
  return (
    <Link
      href={`/events/${encodeURIComponent(e.marker)}`}
      className="album-card event-card"
      data-testid="event-card"
      data-marker={e.marker}
    >
      <div className="album-card-cover">
        <AlbumCover assetId={e.coverAssetId} />
        {e.sharedAlbumId && (
          <span className="badge badge-overlay" data-testid="event-shared-badge">
            <Share2 size={12} /> Shared
          </span>
        )}
      </div>
      <div className="album-card-body">
        <h3 className="album-card-name" data-testid="event-card-name">
          {e.name}
        </h3>
        <p className="event-meta">
          <CalendarDays size={14} /> <span>{formatRange(e.startAt, e.endAt)}</span>
        </p>
        {e.place && (
          <p className="event-meta">
            <MapPin size={14} /> <span>{e.place}</span>
          </p>
        )}
        <p className="album-card-meta muted" data-testid="event-card-count">
          {plural(e.assetCount, 'photo')}
        </p>
      </div>
    </Link>
  );
}
