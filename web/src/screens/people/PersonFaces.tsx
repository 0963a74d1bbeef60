/**
 * A person's faces as round crops, to fix a wrong grouping: select the faces that are someone
 * else and move them to a new person (`POST /api/people/{id}/split`), as in Immich or Google Photos.
 */
import { useState } from 'react';
import { Check, ScanFace, UserRoundPlus, X } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { peopleApi } from '../../api/people';
import type { Face, FacePerson } from '../../api/types';
import { plural } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useSelection } from '../../lib/use-selection';
import { useToast } from '../../state/toasts';

/** Crops shown before "Show all": enough for a row or two on a laptop screen. */
const FOLDED = 24;

interface Props {
  person: FacePerson;
  faces: Face[];
  /** Called after a split so the page reloads the person, its faces and photos. */
  onSplit: () => void;
}

export function PersonFaces({ person, faces, onSplit }: Props) {
  const { selected, toggle, clear } = useSelection();
  const [expanded, setExpanded] = useState(false);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  if (faces.length === 0) return null;

  // The server refuses to move every face (the person would be left empty): merge is the tool for that.
  const all = selected.size >= faces.length;
  const shown = expanded ? faces : faces.slice(0, FOLDED);

  const split = async () => {
    setBusy(true);
    try {
      const created = await peopleApi.split(person.id, [...selected]);
      clear();
      onSplit();
      toast({
        tone: 'success',
        message: `Moved ${plural(created.faceCount, 'face')} to a new person`,
        action: { label: 'Open', onClick: () => navigate(`/people/${encodeURIComponent(created.id)}`) },
      });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="person-faces" data-testid="person-faces" aria-label="Faces">
      {selected.size > 0 ? (
        <div className="selection-bar person-split-bar" data-testid="person-split-bar">
          <button className="icon-button" aria-label="Clear selection" data-testid="person-faces-clear" onClick={clear}>
            <X size={20} />
          </button>
          <div className="split-bar-text">
            <strong data-testid="person-faces-selected">{plural(selected.size, 'face')} selected</strong>
            <span className="muted">
              {all
                ? 'Leave at least one face here; to move them all, merge instead'
                : `Not ${person.displayName ?? 'this person'}? Move ${selected.size === 1 ? 'it' : 'them'} to a new person`}
            </span>
          </div>
          <div className="selection-actions">
            <button className="button button-primary" disabled={all || busy} data-testid="person-split" onClick={() => void split()}>
              <UserRoundPlus size={16} /> Move to a new person
            </button>
          </div>
        </div>
      ) : (
        <h2 className="section-label">
          <ScanFace size={15} /> {plural(faces.length, 'face')}
          <span className="muted person-faces-hint">· select the ones that are someone else</span>
        </h2>
      )}
      <div className="person-face-grid" data-testid="person-face-list">
        {shown.map((f) => {
          const on = selected.has(f.id);
          return (
            <button
              key={f.id}
              type="button"
              className={`person-face-pick${on ? ' is-selected' : ''}`}
              data-testid="person-face"
              data-face-id={f.id}
              data-selected={on}
              aria-pressed={on}
              title={on ? 'Selected' : 'Select this face'}
              onClick={() => toggle(f.id)}
            >
              <span className="person-face">
                {f.thumbnailUrl ? <img src={f.thumbnailUrl} alt="" loading="lazy" /> : <ScanFace size={24} strokeWidth={1.5} />}
              </span>
              <span className="person-face-check" aria-hidden>
                <Check size={14} strokeWidth={3} />
              </span>
            </button>
          );
        })}
        {faces.length > FOLDED && (
          <button className="button person-faces-more" data-testid="person-faces-more" onClick={() => setExpanded((v) => !v)}>
            {expanded ? 'Show fewer' : `Show all ${faces.length}`}
          </button>
        )}
      </div>
    </section>
  );
}
