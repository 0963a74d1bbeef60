/** Credit on a tile in a shared/event album: the contributor's initials and name. */
import type { AccountRef } from '../api/types';
import { Avatar } from './Avatar';

export function ContributorBadge({ who }: { who: AccountRef }) {
  return (
    <span className="contributor-badge" data-testid="contributor-badge" title={`Added by ${who.displayName}`}>
      <Avatar name={who.displayName || who.username} seed={who.id} size={20} />
      <span className="contributor-name">{who.displayName || who.username}</span>
    </span>
  );
}
