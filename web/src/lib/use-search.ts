/** The query string of the address (`?queued=2`), re-rendering on in-app navigation and on back/forward. */
import { useSyncExternalStore } from 'react';
import { NAV_EVENT } from './router';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(NAV_EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(NAV_EVENT, cb);
  };
}

/** `window.location.search`, e.g. `?show=…`, or `''`. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}
