/**
 * A shared event's state on its screen: the event album it is in, who it is shared with, and
 * how many new photos (mine or contacts') sharing again would add. The figures are the share
 * preview's, which equal what the share does.
 */
import { Users } from 'lucide-react';
import type { SharePreview } from '../../api/types';
import { plural } from '../../lib/format';
import { useAccount } from '../../state/session';

type SharedAlbum = NonNullable<SharePreview['album']>;

/** "Alice A. and Carol C." — the people other than me, in album order. */
export function othersIn(album: SharedAlbum, meId: string): string {
  const names = album.members.filter((m) => m.id !== meId).map((m) => m.displayName || `@${m.username}`);
  if (names.length <= 1) return names[0] ?? 'nobody else yet';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function SharedEventState({ preview }: { preview: SharePreview }) {
  const me = useAccount();
  const album = preview.album;
  if (!album) return null;
  return (
    <p className="shared-state row gap-8 wrap" data-testid="event-shared-state" data-new={preview.newAssetCount}>
      <Users size={16} />
      <span>
        Shared in <strong>“{album.name}”</strong> with <span data-testid="event-shared-with">{othersIn(album, me.id)}</span> ·{' '}
        {plural(album.assetCount, 'photo')}.{' '}
        <span data-testid="event-shared-new">
          {preview.newAssetCount ? `${plural(preview.newAssetCount, 'new photo')} would be added.` : 'Up to date: no new photos to add.'}
        </span>
      </span>
    </p>
  );
}
