import { useEffect, useRef } from 'react';

/**
 * After an in-app navigation, moves focus to the new screen's heading (the first `h1` in `#main`), so a
 * keyboard or screen-reader user starts on the new page instead of on the link they left, as a full
 * page load would do (WAI-ARIA APG; Gatsby's and Marcy Sutton's client-side routing studies).
 * Screens that load their data first render their heading later: it waits for it, and gives up as soon
 * as the person moves focus themselves. The first render (a page load) leaves focus alone.
 */
export function useRouteFocus(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    const started = document.activeElement;
    const tryFocus = (): boolean => {
      // Someone else took focus (a dialog, a field with autofocus, the person): leave it there.
      if (document.activeElement !== started && document.activeElement !== document.body) return true;
      // A field the new screen focused on mount (React's autoFocus runs before this effect, so it is `started`).
      if (document.activeElement?.hasAttribute('data-autofocus')) return true;
      const h1 = main.querySelector<HTMLElement>('h1');
      if (!h1) return false;
      if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);
}
