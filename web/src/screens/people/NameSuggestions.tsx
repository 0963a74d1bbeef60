/**
 * Names imported with a person's photos (Google Takeout sidecars' `people[].name`) offered as one-tap
 * suggestions while the person has no name. A suggestion is only a hint: a group photo suggests every
 * name in it, so the owner picks (or ignores) them.
 */
import { Sparkles } from 'lucide-react';
import { peopleApi } from '../../api/people';
import type { FacePerson } from '../../api/types';
import { useAsync } from '../../lib/use-async';

export function NameSuggestions({ person, onNamed }: { person: FacePerson; onNamed: (p: FacePerson) => void }) {
  const suggestions = useAsync(() => peopleApi.nameSuggestions(person.id), [person.id]);
  if (person.name || !suggestions.data?.length) return null;
  return (
    <div className="name-suggestions" data-testid="name-suggestions">
      <Sparkles size={16} className="text-muted" aria-hidden />
      <span className="muted small">Named in Google Photos:</span>
      {suggestions.data.map((s) => (
        <button
          key={s.name}
          className="chip chip-button"
          data-testid="name-suggestion"
          title={`Call this person ${s.name}`}
          onClick={() => void peopleApi.update(person.id, { name: s.name }).then(onNamed)}
        >
          {s.name} <span className="muted small">· {s.photos === 1 ? '1 photo' : `${s.photos} photos`}</span>
        </button>
      ))}
    </div>
  );
}
