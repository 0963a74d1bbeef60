/**
 * "Add to album" for a selection of library photos: pick one of my albums, or name a
 * new one (created with the photos in it). Resolves with the album to open.
 */
import { useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { albumsApi } from '../api/albums';
import { errorMessage } from '../api/client';
import type { AlbumSummary } from '../api/types';
import { plural } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { AlbumCover } from './AlbumCard';
import { Modal } from './Modal';
import { ErrorNote, Spinner } from './PageHeader';

interface Props {
  assetIds: string[];
  onClose: () => void;
  onDone: (album: { id: string; name: string }, added: number) => void;
}

export function AddToAlbumDialog({ assetIds, onClose, onDone }: Props) {
  const albums = useAsync(() => albumsApi.list(), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (op: () => Promise<{ album: { id: string; name: string }; added: number }>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await op();
      onDone(r.album, r.added);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    void run(async () => ({ album: await albumsApi.create(name.trim(), assetIds), added: assetIds.length }));
  };
  const addTo = (a: AlbumSummary) => void run(async () => ({ album: a, added: await albumsApi.addAssets(a.id, assetIds) }));
  const mine = (albums.data ?? []).filter((a) => a.role === 'owner' && a.kind !== 'inbox');

  return (
    <Modal title={`Add ${plural(assetIds.length, 'photo')} to an album`} onClose={onClose} testId="add-to-album-dialog">
      <form className="row gap-8" onSubmit={create}>
        <input
          className="input grow"
          placeholder="New album name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="new-album-name"
          maxLength={200}
          autoFocus
        />
        <button className="button button-primary" disabled={busy || !name.trim()} data-testid="new-album-create">
          <Plus size={16} /> Create
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      <h3 className="section-label">Or add to an existing album</h3>
      {albums.loading && <Spinner />}
      {albums.error && <ErrorNote message={albums.error} onRetry={albums.reload} />}
      {albums.data && mine.length === 0 && <p className="muted">You have no albums yet.</p>}
      <ul className="album-pick-list">
        {mine.map((a) => (
          <li key={a.id}>
            <button className="album-pick" disabled={busy} onClick={() => addTo(a)} data-testid="album-pick">
              <AlbumCover assetId={a.coverAssetId} size="small" />
              <span>
                <strong>{a.name}</strong>
                <span className="muted small">{plural(a.assetCount, 'photo')}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
