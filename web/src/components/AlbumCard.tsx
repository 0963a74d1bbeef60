/** An album tile for album lists: cover photo, name, photo count, kind and owner. */
import { CalendarDays, ImageIcon } from 'lucide-react';
import { assetsApi } from '../api/assets';
import type { AlbumSummary } from '../api/types';
import { formatRange, plural } from '../lib/format';
import { Link } from '../lib/router';
import { Avatar } from './Avatar';

/** The square cover of an album or event: its cover photo's thumbnail, or a placeholder when it has none. */
export function AlbumCover({ assetId, size = 'large' }: { assetId: string | null; size?: 'large' | 'small' }) {
  return (
    <div className={`album-cover album-cover-${size}`}>
      {assetId ? (
        <img src={assetsApi.thumbnailUrl(assetId)} alt="" loading="lazy" />
      ) : (
        <div className="album-cover-empty">
          <ImageIcon size={size === 'large' ? 36 : 18} strokeWidth={1.5} />
        </div>
      )}
    </div>
  );
}

/** `showOwner` for "Shared with me", where whose album it is matters most. */
export function AlbumCard({ album, showOwner }: { album: AlbumSummary; showOwner?: boolean }) {
  const range = album.kind === 'event' ? formatRange(album.startAt, album.endAt) : '';
  return (
    <Link href={`/albums/${encodeURIComponent(album.id)}`} className="album-card" data-testid="album-card" data-album-id={album.id}>
      <div className="album-card-cover">
        <AlbumCover assetId={album.coverAssetId} />
        {album.kind === 'event' && (
          <span className="badge badge-overlay">
            <CalendarDays size={12} /> Event
          </span>
        )}
      </div>
      <div className="album-card-body">
        <h3 className="album-card-name" data-testid="album-card-name">
          {album.name}
        </h3>
        <p className="album-card-meta muted">
          <span data-testid="album-card-count">{plural(album.assetCount, 'item')}</span>
          {range && <span> · {range}</span>}
        </p>
        {showOwner && (
          <p className="album-card-owner">
            <Avatar name={album.owner.displayName} seed={album.owner.id} size={20} />
            <span>
              Shared by <strong>{album.owner.displayName}</strong>
            </span>
          </p>
        )}
      </div>
    </Link>
  );
}
