/** Who can see an album: avatars with names and roles. */
import type { AlbumMember } from '../../api/types';
import { Avatar } from '../../components/Avatar';

export function AlbumMembers({ members }: { members: AlbumMember[] }) {
  if (members.length === 0) return null;
  const sorted = [...members].sort((a, b) =>
    a.role === b.role ? a.displayName.localeCompare(b.displayName) : a.role === 'owner' ? -1 : 1,
  );
  return (
    <ul className="member-list" data-testid="album-members" aria-label="Members">
      {sorted.map((m) => (
        <li key={m.id} className="member" data-testid="album-member">
          <Avatar name={m.displayName || m.username} seed={m.id} size={28} />
          <span className="member-name">{m.displayName || m.username}</span>
          {m.role === 'owner' && <span className="badge badge-soft">Owner</span>}
          {m.role === 'contributor' && <span className="badge badge-soft">Can add photos</span>}
        </li>
      ))}
    </ul>
  );
}
