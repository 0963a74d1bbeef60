/** "Shared with me": albums other people shared where I am a viewer (event albums included). */
import { Share2 } from 'lucide-react';
import { albumsApi } from '../api/albums';
import { AlbumCard } from '../components/AlbumCard';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../components/PageHeader';
import { plural } from '../lib/format';
import { useRealtimeRefresh } from '../lib/realtime';
import { useAsync } from '../lib/use-async';

export function SharedScreen() {
  const albums = useAsync(() => albumsApi.shared(), []);
  useRealtimeRefresh(['album.shared', 'album.updated'], albums.reload);
  const list = albums.data ?? [];
  return (
    <div className="screen" data-testid="shared-screen">
      <PageHeader title="Shared with me" subtitle={albums.data ? plural(list.length, 'album') : undefined} />
      {albums.error && <ErrorNote message={albums.error} onRetry={albums.reload} />}
      {albums.loading && <Spinner />}
      {albums.data && list.length === 0 && (
        <EmptyState icon={<Share2 size={40} strokeWidth={1.5} />} title="Nothing shared with you yet" testId="shared-empty">
          <p>When a contact shares an album or an event you were at, it shows up here.</p>
        </EmptyState>
      )}
      <div className="card-grid" data-testid="shared-album-list">
        {list.map((a) => (
          <AlbumCard key={a.id} album={a} showOwner />
        ))}
      </div>
    </div>
  );
}
