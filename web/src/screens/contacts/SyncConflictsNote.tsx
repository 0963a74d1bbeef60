/**
 * Contacts › a note when CardDAV sync found contacts changed both in Kith and on the server: they keep
 * Kith's values until the owner chooses, in Settings › Contacts (both values side by side).
 */
import { RefreshCw } from 'lucide-react';
import { carddavApi } from '../../api/carddav';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

export function SyncConflictsNote() {
  const conflicts = useAsync(() => carddavApi.conflicts(), []);
  const n = conflicts.data?.length ?? 0;
  if (!n) return null;
  const names = conflicts.data!.map((c) => c.kith.name).slice(0, 3);
  return (
    <p className="secret-box row gap-8" role="status" data-testid="contacts-sync-conflicts">
      <RefreshCw size={16} style={{ flexShrink: 0 }} />
      <span>
        {n === 1 ? `${names[0]} was` : `${n} contacts (${names.join(', ')}${n > 3 ? ', …' : ''}) were`} changed on both sides, in Kith and
        on your CardDAV server. Kith keeps your edits until you choose in <Link href="/settings">Settings › Contacts</Link>.
      </span>
    </p>
  );
}
