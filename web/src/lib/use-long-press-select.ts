import { useEffect, useRef, type RefObject } from 'react';

/** How long a finger rests on a photo before it counts as a long-press (Android's default long-press timeout). */
export const LONG_PRESS_MS = 500;
/** Movement (px) that turns a press into a scroll instead of a long-press (about Android's touch slop). */
const SLOP_PX = 10;

interface Options {
  /** Off when the grid has no selection. */
  enabled: boolean;
  /** Whether the tile with this id is selected now. */
  isSelected: (id: string) => boolean;
  /** Selects the tile with this id (never deselects). */
  select: (id: string) => void;
}

/** The id of the tile (`[data-asset-id]`) under a point or an element, if any. */
function tileIdAt(el: Element | null): string | null {
  return el?.closest<HTMLElement>('[data-asset-id]')?.dataset.assetId ?? null;
}

/**
 * Selection by touch, as in Google Photos and Immich: a long-press on a photo (pointer held still for
 * {@link LONG_PRESS_MS}) selects it instead of opening it, and dragging on from there selects every photo
 * the finger passes over. Moving first cancels the press, so scrolling the grid still works. Tiles are
 * found by `data-asset-id` under the grid element in `ref`, one set of listeners for the whole grid.
 */
export function useLongPressSelect(ref: RefObject<HTMLElement | null>, opts: Options): void {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const enabled = opts.enabled;
  useEffect(() => {
    const grid = ref.current;
    if (!grid || !enabled) return;
    let timer: number | undefined;
    let start: { x: number; y: number; id: string } | null = null;
    let dragging = false;
    let swallowClick = false;
    const touched = new Set<string>();

    const add = (id: string | null) => {
      if (!id || touched.has(id)) return;
      touched.add(id);
      if (!optsRef.current.isSelected(id)) optsRef.current.select(id);
    };
    const cancel = () => {
      window.clearTimeout(timer);
      timer = undefined;
      start = null;
    };
    const down = (e: PointerEvent) => {
      if (e.button !== 0 || !e.isPrimary) return;
      const id = tileIdAt(e.target as Element);
      if (!id) return;
      swallowClick = false;
      touched.clear();
      start = { x: e.clientX, y: e.clientY, id };
      timer = window.setTimeout(() => {
        if (!start) return;
        dragging = true;
        swallowClick = true;
        add(start.id);
        navigator.vibrate?.(15);
      }, LONG_PRESS_MS);
    };
    const moveTo = (x: number, y: number) => {
      if (dragging) add(tileIdAt(document.elementFromPoint(x, y)));
      else if (start && Math.hypot(x - start.x, y - start.y) > SLOP_PX) cancel();
    };
    const move = (e: PointerEvent) => moveTo(e.clientX, e.clientY);
    // While dragging a selection the finger must not scroll the page (a cancelable touchmove, so no pointercancel).
    const touchMove = (e: TouchEvent) => {
      const t = e.touches[0];
      if (!t) return;
      if (dragging && e.cancelable) e.preventDefault();
      moveTo(t.clientX, t.clientY);
    };
    const up = () => {
      cancel();
      dragging = false;
    };
    // The press that selected must not also open the photo (nor the browser's long-press menu).
    const click = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.preventDefault();
      e.stopPropagation();
    };
    const menu = (e: Event) => {
      if (swallowClick || timer !== undefined) e.preventDefault();
    };
    grid.addEventListener('pointerdown', down);
    window.addEventListener('pointermove', move);
    grid.addEventListener('touchmove', touchMove, { passive: false });
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    grid.addEventListener('click', click, true);
    grid.addEventListener('contextmenu', menu);
    return () => {
      cancel();
      grid.removeEventListener('pointerdown', down);
      window.removeEventListener('pointermove', move);
      grid.removeEventListener('touchmove', touchMove);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      grid.removeEventListener('click', click, true);
      grid.removeEventListener('contextmenu', menu);
    };
  }, [ref, enabled]);
}
