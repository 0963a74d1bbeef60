/**
 * A tiny history-API router. The server answers every non-API path with index.html,
 * so deep links such as /albums/<id> work on reload.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'albums' }
  | { name: 'album'; id: string }
  | { name: 'contacts' }
  | { name: 'people' }
  | { name: 'person'; id: string }
  | { name: 'friends' }
  | { name: 'events' }
  | { name: 'event'; marker: string }
  | { name: 'shared' }
  | { name: 'inbox' }
  | { name: 'settings' }
  /** "Import from Google Takeout". */
  | { name: 'takeout-import' }
  | { name: 'trash' }
  /** Search results: /search?q=… (the query lives in the query string). */
  | { name: 'search' }
  | { name: 'favorites' }
  | { name: 'archive' }
  /** Where "Share → Kith" lands (the service worker's share_target answer). */
  | { name: 'share' }
  | { name: 'exchanges' }
  | { name: 'exchange'; id: string }
  /** A stranger's invite link (no log-in needed). */
  | { name: 'guest-exchange'; token: string }
  /** A public album link (no log-in needed). */
  | { name: 'album-link'; key: string }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'not-found' };

/** Fired on `window` after every in-app navigation (also read by hooks that follow the query string). */
export const NAV_EVENT = 'kith:navigate';

/** Maps a pathname to a {@link Route}; unknown paths give `not-found`. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, arg] = parts;
  if (parts.length === 0 || (head === 'library' && !arg)) return { name: 'library' };
  if (head === 'albums') return arg ? { name: 'album', id: arg } : { name: 'albums' };
  if (head === 'events') return arg ? { name: 'event', marker: arg } : { name: 'events' };
  if (head === 'people') return arg ? { name: 'person', id: arg } : { name: 'people' };
  if (head === 'exchanges' && parts.length <= 2) return arg ? { name: 'exchange', id: arg } : { name: 'exchanges' };
  if (head === 'import' && arg === 'takeout' && parts.length === 2) return { name: 'takeout-import' };
  if (head === 'x' && arg && parts.length === 2) return { name: 'guest-exchange', token: arg };
  if (head === 'l' && arg && parts.length === 2) return { name: 'album-link', key: arg };
  if (
    parts.length === 1 &&
    (head === 'contacts' ||
      head === 'friends' ||
      head === 'shared' ||
      head === 'inbox' ||
      head === 'settings' ||
      head === 'trash' ||
      head === 'search' ||
      head === 'favorites' ||
      head === 'archive' ||
      head === 'share' ||
      head === 'login' ||
      head === 'signup')
  )
    return { name: head };
  return { name: 'not-found' };
}

/** Goes to `path` without a page load; `replace` keeps the history length. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAV_EVENT));
  window.scrollTo(0, 0);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(NAV_EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(NAV_EVENT, cb);
  };
}

/** The current pathname, re-rendering on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}

/** An anchor that navigates in-app on a plain left click and behaves normally otherwise. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
