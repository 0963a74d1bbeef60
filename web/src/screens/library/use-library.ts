/**
 * The library's paged list of assets (newest capture first), kept fresh without
 * reloading what is on screen: new uploads and 'asset.created' merge the first page
 * in, 'asset.ready' flips placeholders to thumbnails.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { assetsApi } from '../../api/assets';
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

export function useLibrary() {
  const [items, setItems] = useState<Asset[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const loadMore = useCallback(async (from: string | null) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await assetsApi.list(from);
      setItems((xs) => mergeAssets(xs, page.items));
      setCursor(page.nextCursor);
      setDone(page.nextCursor === null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void loadMore(null);
  }, [loadMore]);

  /** Re-reads the first page and merges it in, keeping deeper pages already loaded. */
  const refreshHead = useCallback(() => {
    assetsApi
      .list(null)
      .then((page) => setItems((xs) => mergeAssets(xs, page.items)))
      .catch(() => undefined);
  }, []);

  useRealtimeRefresh(['asset.created'], refreshHead);
  useRealtime('asset.ready', ({ assetId }) => {
    setItems((xs) => xs.map((a) => (a.id === assetId ? { ...a, ready: true } : a)));
  });

  const { onResult } = useUploads();
  useEffect(
    () =>
      onResult((r) => {
        if (r.asset) setItems((xs) => mergeAssets(xs, [r.asset!]));
      }),
    [onResult],
  );

  const remove = useCallback((ids: string[]) => setItems((xs) => xs.filter((a) => !ids.includes(a.id))), []);
  const replace = useCallback((asset: Asset) => setItems((xs) => mergeAssets(xs, [asset])), []);
  const more = useCallback(() => {
    if (!done && cursor) void loadMore(cursor);
  }, [cursor, done, loadMore]);

  return { items, loading, error, done, more, retry: () => void loadMore(cursor), remove, replace };
}
