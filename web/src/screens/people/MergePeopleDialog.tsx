/**
 * "Merge…" on a person's page: tick the other people who are really this person; their faces
 * move here and they disappear. This person keeps its name and link (or takes the first ticked one's).
 */
import { peopleApi } from '../../api/people';
import type { FacePerson } from '../../api/types';
import { MergeDialog } from '../../components/MergeDialog';
import { PersonFace } from '../../components/PersonCard';
import { plural } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

interface Props {
  target: FacePerson;
  onClose: () => void;
  onMerged: (merged: FacePerson) => void;
}

export function MergePeopleDialog({ target, onClose, onMerged }: Props) {
  const people = useAsync(() => peopleApi.list(true), []);
  return (
    <MergeDialog<FacePerson>
      title={`Merge into ${target.displayName ?? 'this person'}`}
      intro="Tick the people who are the same person; their photos move here and they leave the list."
      options={people.data ? people.data.filter((p) => p.id !== target.id) : null}
      loadError={people.error}
      onRetry={people.reload}
      keyOf={(p) => p.id}
      render={(p) => (
        <>
          <PersonFace person={p} size={44} />
          <span className="merge-option-text">
            <strong className={p.displayName ? '' : 'muted'}>{p.displayName ?? 'Unnamed person'}</strong>
            <span className="muted small">
              {plural(p.photoCount, 'photo')}
              {p.hidden && ' · hidden'}
            </span>
          </span>
        </>
      )}
      confirmLabel={(n) => `Merge ${plural(n, 'person', 'people')}`}
      empty="No other people yet."
      onMerge={async (ids) => onMerged(await peopleApi.merge(target.id, ids))}
      onClose={onClose}
      testIds={{
        dialog: 'merge-people-dialog',
        option: 'merge-person-option',
        confirm: 'merge-people-confirm',
        optionAttr: 'data-person-id',
      }}
    />
  );
}
