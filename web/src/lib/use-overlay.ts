import { useEffect, useRef, useState, type RefObject } from 'react';

/** What Tab can land on (WAI-ARIA APG, "Dialog (Modal)": the focus order inside the dialog). */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focusable elements inside `root` that are shown (an element under display:none has no client rects). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'));
}

/**
 * While an overlay (dialog, photo viewer, the phone's More sheet) is mounted:
 * - the page behind it does not scroll, and `onKey` sees every keydown on the window (the
 *   latest `onKey` is called, so it may read current props without re-registering);
 * - focus moves into the overlay (its `[autofocus]` or first control, else the overlay itself), Tab and
 *   Shift+Tab cycle inside it, and on close focus goes back where it was (WAI-ARIA APG "Dialog (Modal)");
 * - the rest of the app shell is `inert`, so neither Tab nor a screen reader reaches what is hidden behind it.
 *
 * @returns the ref to put on the overlay's outermost element.
 */
export function useOverlay<T extends HTMLElement = HTMLDivElement>(onKey: (e: KeyboardEvent) => void): RefObject<T | null> {
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  const ref = useRef<T | null>(null);
  // Read while rendering: by the time effects run, a child's autoFocus has already moved focus inside.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const root = ref.current;
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Tab' && root) trapTab(root, e);
      keyRef.current(e);
    };
    window.addEventListener('keydown', key);
    const prev = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    const inerted = root ? makeOthersInert(root) : [];
    if (root && !root.contains(document.activeElement)) {
      const first = root.querySelector<HTMLElement>('[autofocus]') ?? focusables(root)[0];
      (first ?? root).focus({ preventScroll: true });
    }
    return () => {
      window.removeEventListener('keydown', key);
      document.body.style.overflow = prev;
      for (const el of inerted) el.inert = false;
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [opener]);
  return ref;
}

/** Keeps Tab inside `root`: from the last control to the first, and back with Shift. */
function trapTab(root: HTMLElement, e: KeyboardEvent): void {
  const items = focusables(root);
  if (items.length === 0) {
    e.preventDefault();
    root.focus();
    return;
  }
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Marks every sibling of `root` and of each of its ancestors up to <body> inert (skipping those
 * already inert), so only the overlay stays reachable. @returns what it changed, to undo on close.
 */
function makeOthersInert(root: HTMLElement): HTMLElement[] {
  const changed: HTMLElement[] = [];
  for (let node: HTMLElement | null = root; node && node !== document.body; node = node.parentElement) {
    const parent: HTMLElement | null = node.parentElement;
    if (!parent) break;
    for (const sib of Array.from(parent.children)) {
      if (sib === node || !(sib instanceof HTMLElement) || sib.inert) continue;
      // Toasts stay live: they announce what the dialog's action did.
      if (sib.matches('script, style, .toasts')) continue;
      sib.inert = true;
      changed.push(sib);
    }
  }
  return changed;
}
