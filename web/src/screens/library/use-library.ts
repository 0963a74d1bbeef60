/**
 * The library's paged list of assets (newest capture first) in one view (the timeline, Favourites,
 * the Archive), kept fresh without reloading what is on screen: in the timeline, new uploads and
 * 'asset.created' merge the first page in; 'asset.ready' flips placeholders to thumbnails.
 * {@link jump} restarts the list at a month (the date scrubber); `from` says where it starts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { assetsApi, type LibraryView } from '../../api/assets';
import { errorMessage } from '../../api/client';
import type { Asset } from '../../api/types';
import { useRealtime, useRealtimeRefresh } from '../../lib/realtime';
import { useUploads } from '../../state/uploads';

const byCaptureDesc = (a: Asset, b: Asset) => (a.capturedAt < b.capturedAt ? 1 : a.capturedAt > b.capturedAt ? -1 : a.id < b.id ? 1 : -1);

/** Union by id (fresh copies win), sorted newest capture first. */
export function mergeAssets(current: Asset[], fresh: Asset[]): Asset[] {
  const map = new Map(current.map((a) => [a.id, a]));
  for (const a of fresh) map.set(a.id, a);
  return [...map.values()].sort(byCaptureDesc);
}

export function useLibrary(view: LibraryView = 'timeline') {
  const [items, setItems] = useState<Asset[]>([]);
  // The month the list starts at after a jump (null: the newest photo), so newer photos are not merged in above it.
  const [from, setFrom] = useState<string | null>(null);
  const fromRef = useRef<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  // Bumped by a jump: a page still on its way from before it is dropped, not merged into the new list.
  const generation = useRef(0);

  const loadMore = useCallback(
    async (cursor: string | null, month?: string) => {
      if (busy.current) return;
      busy.current = true;
      const gen = generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await assetsApi.list(cursor, 100, view, month);
        if (gen !== generation.current) return;
        setItems((xs) => (month ? page.items : mergeAssets(xs, page.items)));
        setCursor(page.nextCursor);
        setDone(page.nextCursor === null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [view],
  );

  useEffect(() => {
    void loadMore(null);
  }, [loadMore]);

  /** Restarts the list at `month` (YYYY-MM), or at the newest photo with null. */
  const jump = useCallback(
    (month: string | null) => {
      fromRef.current = month;
      generation.current += 1;
      setFrom(month);
      busy.current = false;
      setItems([]);
      setDone(false);
      if (month) void loadMore(null, month);
      else void loadMore(null);
    },
    [loadMore],
  );

  /** Re-reads the first page and merges it in, keeping deeper pages already loaded. */
  const refreshHead = useCallback(() => {
    if (view !== 'timeline' || fromRef.current) return;
    assetsApi
      .list(null)
      .then((page) => setItems((xs) => mergeAssets(xs, page.items)))
      .catch(() => undefined);
  }, [view]);

  useRealtimeRefresh(['asset.created'], refreshHead);
  useRealtime('asset.ready', ({ assetId }) => {
    setItems((xs) => xs.map((a) => (a.id === assetId ? { ...a, ready: true } : a)));
  });

  const { onResult } = useUploads();
  useEffect(
    () =>
      onResult((r) => {
        if (r.asset && view === 'timeline' && !fromRef.current) setItems((xs) => mergeAssets(xs, [r.asset!]));
      }),
    [onResult, view],
  );

  const remove = useCallback((ids: string[]) => setItems((xs) => xs.filter((a) => !ids.includes(a.id))), []);
  const replace = useCallback((asset: Asset) => setItems((xs) => mergeAssets(xs, [asset])), []);
  const more = useCallback(() => {
    if (!done && cursor) void loadMore(cursor);
  }, [cursor, done, loadMore]);

  return { items, loading, error, done, more, retry: () => void loadMore(cursor), remove, replace, jump, from };
}
