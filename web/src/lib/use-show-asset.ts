/**
 * "Show it": opens one photo in the library's viewer, wherever it sits in the timeline. An upload's row links
 * to `/library?show=<assetId>` ({@link showAssetHref}); the library reads the parameter with
 * {@link useShowAsset}, fetches that photo (it may be dated 2014, far below the pages already loaded), merges
 * it into the timeline at its capture date and opens it. The parameter is then dropped from the address, so
 * closing the viewer and reloading does not open it again.
 */
import { useEffect, useRef } from 'react';
import { assetsApi } from '../api/assets';
import { errorMessage } from '../api/client';
import type { Asset } from '../api/types';
import { useSearch } from './use-search';

/** The library address that opens `assetId` in the viewer. */
export function showAssetHref(assetId: string): string {
  return `/library?show=${encodeURIComponent(assetId)}`;
}

/**
 * Calls `onAsset` with the photo named by `?show=` each time the parameter appears (also when the library is
 * already open), or `onError` with a message a person can read (deleted photo, offline).
 */
export function useShowAsset(onAsset: (asset: Asset) => void, onError: (message: string) => void): void {
  const search = useSearch();
  const id = new URLSearchParams(search).get('show');
  const handlers = useRef({ onAsset, onError });
  handlers.current = { onAsset, onError };
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useEffect(() => {
    if (!id) return;
    mounted.current = true;
    // Dropping the parameter re-renders with no id; the answer must still land, so only unmounting cancels it.
    window.history.replaceState(null, '', window.location.pathname);
    assetsApi.get(id).then(
      (asset) => mounted.current && handlers.current.onAsset(asset),
      (err: unknown) => mounted.current && handlers.current.onError(errorMessage(err)),
    );
  }, [id]);
}
