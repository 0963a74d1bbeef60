/**
 * Trash: the photos I deleted, most recent first, for KITH_TRASH_DAYS (as in Immich and Google Photos).
 * Select to restore or delete for ever; "Restore all" and "Empty trash" act on everything.
 */
import { useCallback, useEffect, useState } from 'react';
import { RotateCcw, Trash2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { trashApi } from '../../api/trash';
import type { Asset } from '../../api/types';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { SelectionBar } from '../../components/SelectionBar';
import { plural } from '../../lib/format';
import { useSelection } from '../../lib/use-selection';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';

const DAY_MS = 86_400_000;

/** "12 days left" on a trashed photo (Google Photos and Immich say the same), red in the last three days. */
function DaysLeft({ trashedAt, days }: { trashedAt: string | null; days: number }) {
  if (!trashedAt) return null;
  const left = Math.max(0, Math.ceil((Date.parse(trashedAt) + days * DAY_MS - Date.now()) / DAY_MS));
  return (
    <span className={`trash-days${left <= 3 ? ' soon' : ''}`} data-testid="trash-days-left">
      {left === 0 ? 'Deleted today' : `${plural(left, 'day')} left`}
    </span>
  );
}

export function TrashScreen() {
  const [items, setItems] = useState<Asset[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [days, setDays] = useState(30);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const sel = useSelection();
  const confirm = useConfirm();
  const toast = useToast();

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    try {
      const page = await trashApi.list(from);
      setItems((xs) => (from ? [...xs, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setTotal(page.total);
      setDays(page.days);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(null), [load]);

  const gone = (ids: string[]) => {
    setItems((xs) => xs.filter((a) => !ids.includes(a.id)));
    setTotal((n) => Math.max(0, n - ids.length));
    sel.clear();
  };
  const act = async (run: () => Promise<unknown>, ids: string[], message: string) => {
    try {
      await run();
      gone(ids);
      toast({ tone: 'success', message });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  const restoreSelected = () => void act(() => trashApi.restore(sel.ids), sel.ids, `Restored ${plural(sel.count, 'photo')}`);
  const deleteSelected = async () => {
    const ids = sel.ids;
    const ok = await confirm({
      title: ids.length === 1 ? 'Delete this photo for ever?' : `Delete ${ids.length} photos for ever?`,
      body: 'They cannot be restored afterwards.',
      confirmLabel: 'Delete for ever',
      danger: true,
    });
    if (ok) await act(() => trashApi.deleteForever(ids), ids, `Deleted ${plural(ids.length, 'photo')} for ever`);
  };
  const restoreAll = () =>
    void act(
      () => trashApi.restore(),
      items.map((a) => a.id),
      `Restored ${plural(total, 'photo')}`,
    ).then(() => load(null));
  const emptyTrash = async () => {
    const ok = await confirm({
      title: 'Empty the trash?',
      body: `${plural(total, 'photo')} will be deleted for ever. This cannot be undone.`,
      confirmLabel: 'Empty trash',
      danger: true,
    });
    if (ok)
      await act(
        () => trashApi.empty(),
        items.map((a) => a.id),
        'The trash is empty',
      );
  };

  return (
    <div className="screen" data-testid="trash-screen">
      {sel.count > 0 ? (
        <SelectionBar count={sel.count} onClear={sel.clear}>
          <button className="button" data-testid="trash-restore" onClick={restoreSelected}>
            <RotateCcw size={18} /> Restore
          </button>
          <button className="button button-danger-ghost" data-testid="trash-delete-forever" onClick={() => void deleteSelected()}>
            <Trash2 size={18} /> Delete for ever
          </button>
        </SelectionBar>
      ) : (
        <PageHeader
          title="Trash"
          subtitle={
            total ? `${plural(total, 'photo')} · deleted for ever after ${days} days` : `Photos you delete stay here for ${days} days`
          }
          actions={
            total > 0 && (
              <>
                <button className="button" data-testid="trash-restore-all" onClick={restoreAll}>
                  <RotateCcw size={18} /> Restore all
                </button>
                <button className="button button-danger-ghost" data-testid="trash-empty" onClick={() => void emptyTrash()}>
                  <Trash2 size={18} /> Empty trash
                </button>
              </>
            )
          }
        />
      )}
      {error && <ErrorNote message={error} onRetry={() => void load(null)} />}
      {!loading && !error && items.length === 0 && (
        <EmptyState icon={<Trash2 size={40} strokeWidth={1.5} />} title="The trash is empty" testId="trash-empty-state">
          <p>Photos you delete wait here for {days} days before they are gone for ever.</p>
        </EmptyState>
      )}
      <AssetGrid
        assets={items}
        selected={sel.selected}
        onToggle={(a) => sel.toggle(a.id)}
        onOpen={(i) => {
          const asset = items[i];
          if (asset) sel.toggle(asset.id);
        }}
        badge={(a) => <DaysLeft trashedAt={a.trashedAt} days={days} />}
      />
      {loading && <Spinner label="Loading the trash…" />}
      <InfiniteSentinel onVisible={() => cursor && void load(cursor)} disabled={!cursor || loading} version={items.length} />
    </div>
  );
}
