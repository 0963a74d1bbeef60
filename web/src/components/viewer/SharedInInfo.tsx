/**
 * The viewer info panel's "Shared in" row for my photo: the albums other people belong to that hold it, each
 * with how many people see it there (POST /api/assets/deletion-impact, the same answer the delete
 * confirmation names). Hidden when no one else sees it through an album; who it was sent to by automatic
 * sharing is the "Sent to" row beside it.
 */
import { Users } from 'lucide-react';
import { trashApi } from '../../api/trash';
import { plural } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { InfoRow } from '../ViewerInfo';

export function SharedInInfo({ assetId }: { assetId: string }) {
  const impact = useAsync(() => trashApi.impact([assetId]), [assetId]);
  const albums = impact.data?.albums ?? [];
  if (!albums.length) return null;
  return (
    <InfoRow icon={<Users size={18} />} label="Shared in" showLabel testId="info-shared-in">
      <ul className="shared-in-list">
        {albums.map((a) => (
          <li key={a.id} data-testid="shared-in-album">
            <Link href={`/albums/${encodeURIComponent(a.id)}`}>{a.name}</Link>{' '}
            <span className="muted small">· {plural(a.others, 'person', 'people')}</span>
          </li>
        ))}
      </ul>
    </InfoRow>
  );
}
