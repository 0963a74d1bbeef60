/** A person tile of the People page: round face crop, name (or an invitation to add one), photo count. */
import { EyeOff, UserRound } from 'lucide-react';
import type { FacePerson } from '../api/types';
import { plural } from '../lib/format';
import { Link } from '../lib/router';

export function PersonFace({ person, size = 112 }: { person: Pick<FacePerson, 'coverUrl'>; size?: number }) {
  return (
    <span className="person-face" style={{ width: size, height: size }}>
      {person.coverUrl ? <img src={person.coverUrl} alt="" loading="lazy" /> : <UserRound size={size / 2.5} strokeWidth={1.5} />}
    </span>
  );
}

export function PersonCard({ person }: { person: FacePerson }) {
  return (
    <Link
      href={`/people/${encodeURIComponent(person.id)}`}
      className={`person-card${person.hidden ? ' is-hidden' : ''}`}
      data-testid="person-card"
      data-person-id={person.id}
    >
      <PersonFace person={person} />
      <span className={`person-card-name${person.displayName ? '' : ' muted'}`} data-testid="person-card-name">
        {person.displayName ?? 'Add a name'}
        {person.isMe && <span className="badge badge-soft">You</span>}
      </span>
      <span className="person-card-count muted" data-testid="person-card-count">
        {person.hidden && <EyeOff size={12} />} {plural(person.photoCount, 'photo')}
      </span>
    </Link>
  );
}
