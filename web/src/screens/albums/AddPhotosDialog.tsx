/**
 * Picks photos from my library to add to an album: a selectable grid (photos already
 * in the album are left out) with infinite scroll.
 */
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { Modal } from '../../components/Modal';
import { ErrorNote, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useSelection } from '../../lib/use-selection';
import { useLibrary } from '../library/use-library';

interface Props {
  albumName: string;
  existing: Set<string>;
  onClose: () => void;
  onAdd: (assetIds: string[]) => Promise<void>;
}

export function AddPhotosDialog({ albumName, existing, onClose, onAdd }: Props) {
  const lib = useLibrary();
  const sel = useSelection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(() => lib.items.filter((a) => !existing.has(a.id)), [lib.items, existing]);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await onAdd(sel.ids);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Add photos to “${albumName}”`}
      size="large"
      onClose={onClose}
      testId="add-photos-dialog"
      footer={
        <>
          {error && <span className="form-error grow">{error}</span>}
          <span className="muted grow">{sel.count ? plural(sel.count, 'photo') + ' selected' : 'Select the photos to add'}</span>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            className="button button-primary"
            disabled={busy || sel.count === 0}
            data-testid="add-photos-confirm"
            onClick={() => void add()}
          >
            Add {sel.count || ''}
          </button>
        </>
      }
    >
      {lib.error && <ErrorNote message={lib.error} onRetry={lib.retry} />}
      {!lib.loading && candidates.length === 0 && <p className="muted">Every photo in your library is already in this album.</p>}
      <div className="picker-grid">
        <AssetGrid
          assets={candidates}
          groupByDay
          rowHeight={130}
          selected={sel.selected}
          onToggle={(a) => sel.toggle(a.id)}
          onOpen={(i) => {
            const asset = candidates[i];
            if (asset) sel.toggle(asset.id);
          }}
          testId="picker-grid"
        />
        {lib.loading && <Spinner />}
        <InfiniteSentinel onVisible={lib.more} disabled={lib.done || lib.loading} version={lib.items.length} />
      </div>
    </Modal>
  );
}
