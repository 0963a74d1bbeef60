/**
 * The viewer info panel's "People in this photo": each detected face as its crop with the person's name (a link
 * to the person), or "Add a name", which opens the People screen's naming dialog (a name, one of my contacts,
 * "me", or an existing person to merge into). Only the photo's owner gets this: the API gives others no persons.
 */
import { useState } from 'react';
import { Plus, Users } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { peopleApi } from '../../api/people';
import type { Face, FacePerson } from '../../api/types';
import { Link } from '../../lib/router';
import { NamePersonDialog } from '../../screens/people/NamePersonDialog';
import { useToast } from '../../state/toasts';

interface Props {
  faces: Face[];
  /** A face's person was named, linked or merged: the viewer fetches the faces again. */
  onNamed: () => void;
}

export function ViewerFaces({ faces, onNamed }: Props) {
  const toast = useToast();
  const [naming, setNaming] = useState<FacePerson | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  // Faces of another's photo come without persons: nothing to name here.
  if (faces.length === 0 || faces.every((f) => f.personId === null && f.thumbnailUrl === null)) return null;

  const addName = async (personId: string) => {
    setOpening(personId);
    try {
      setNaming(await peopleApi.get(personId));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
    setOpening(null);
  };
  const done = (message: string) => {
    setNaming(null);
    toast({ tone: 'success', message });
    onNamed();
  };

  return (
    <>
      <h3 className="info-subhead">
        <Users size={16} /> People in this photo
      </h3>
      <ul className="viewer-faces" data-testid="viewer-faces">
        {faces.map((f) => (
          <li key={f.id} className="viewer-face" data-testid="viewer-face" data-person-id={f.personId ?? ''}>
            {f.thumbnailUrl ? <img src={f.thumbnailUrl} alt="" className="viewer-face-crop" /> : <span className="viewer-face-crop" />}
            {f.personId && f.personName ? (
              <Link href={`/people/${encodeURIComponent(f.personId)}`} className="viewer-face-name" data-testid="viewer-face-name">
                {f.personName}
              </Link>
            ) : f.personId ? (
              <button
                className="button button-small"
                disabled={opening === f.personId}
                onClick={() => void addName(f.personId!)}
                data-testid="viewer-face-add-name"
              >
                <Plus size={14} /> Add a name
              </button>
            ) : (
              <span className="muted small">Not grouped yet</span>
            )}
          </li>
        ))}
      </ul>
      {naming && (
        <NamePersonDialog
          person={naming}
          onClose={() => setNaming(null)}
          onNamed={(p) => done(p.displayName ? `Named ${p.displayName}` : 'Name removed')}
          onMerged={(into) => done(`Merged into ${into.displayName ?? 'that person'}`)}
        />
      )}
    </>
  );
}
