/** My albums: cards with cover, name and count; create a new one. */
import { useState } from 'react';
import { LibraryBig, Plus } from 'lucide-react';
import { albumsApi } from '../../api/albums';
import { AlbumCard } from '../../components/AlbumCard';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { PromptDialog } from '../../components/PromptDialog';
import { plural } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

export function AlbumsScreen() {
  const albums = useAsync(() => albumsApi.list(), []);
  const [creating, setCreating] = useState(false);
  useRealtimeRefresh(['album.updated', 'album.shared', 'asset.ready'], albums.reload);

  const list = albums.data ?? [];
  return (
    <div className="screen" data-testid="albums-screen">
      <PageHeader
        title="Albums"
        subtitle={albums.data ? plural(list.length, 'album') : undefined}
        actions={
          <button className="button button-primary" data-testid="album-create" onClick={() => setCreating(true)}>
            <Plus size={18} /> New album
          </button>
        }
      />
      {albums.error && <ErrorNote message={albums.error} onRetry={albums.reload} />}
      {albums.loading && <Spinner />}
      {albums.data && list.length === 0 && (
        <EmptyState icon={<LibraryBig size={40} strokeWidth={1.5} />} title="No albums yet" testId="albums-empty">
          <p>Group photos into albums, or share an event to get an album everyone in it contributes to.</p>
          <button className="button button-primary" onClick={() => setCreating(true)}>
            <Plus size={18} /> New album
          </button>
        </EmptyState>
      )}
      <div className="card-grid" data-testid="album-list">
        {list.map((a) => (
          <AlbumCard key={a.id} album={a} />
        ))}
      </div>
      {creating && (
        <PromptDialog
          title="New album"
          label="Name"
          placeholder="Summer in Lisbon"
          submitLabel="Create"
          testId="album-create-dialog"
          onClose={() => setCreating(false)}
          onSubmit={async (name) => {
            const album = await albumsApi.create(name);
            navigate(`/albums/${encodeURIComponent(album.id)}`);
          }}
        />
      )}
    </div>
  );
}
