/** The contact groups (from imported group cards) as chips: pressing one shows only its members. */
import { Users } from 'lucide-react';
import type { ContactGroup } from '../../api/types';

export function GroupChips({
  groups,
  selected,
  onSelect,
}: {
  groups: ContactGroup[];
  selected: string | null;
  onSelect: (groupId: string | null) => void;
}) {
  if (!groups.length) return null;
  return (
    <div className="chips group-chips" role="group" aria-label="Filter by group" data-testid="contact-group-chips">
      <button className="chip chip-button" aria-pressed={selected === null} onClick={() => onSelect(null)} data-testid="contact-group-all">
        All
      </button>
      {groups.map((g) => (
        <button
          key={g.id}
          className="chip chip-button"
          aria-pressed={selected === g.id}
          onClick={() => onSelect(selected === g.id ? null : g.id)}
          data-testid="contact-group-chip"
          data-group={g.id}
        >
          <Users size={13} /> {g.name} <span className="chip-count">{g.memberCount}</span>
        </button>
      ))}
    </div>
  );
}
