/**
 * Zoom and pan for the photo viewer with pointer events (mouse, pen and touch alike): the wheel (and a
 * trackpad pinch, which the browser sends as a wheel with ctrlKey) zooms at the cursor; two fingers pinch-zoom
 * at their midpoint and pan; a double tap or double click zooms to {@link DOUBLE_TAP_SCALE} there and back; one
 * finger or the mouse pans a zoomed photo, and swipes to the next or previous photo when it is not zoomed.
 * The stage needs `touch-action: none` so the browser leaves these gestures to us (Pointer Events, W3C).
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import {
  clampScale,
  clampView,
  DOUBLE_TAP_SCALE,
  FITTED,
  spread,
  wheelFactor,
  zoomAt,
  type Point,
  type ZoomFrame,
  type ZoomView,
} from './zoom-math';

/** A horizontal drag longer than this (px) at scale 1 moves to the next/previous photo. */
const SWIPE_PX = 60;
/** A pointer that moved less than this (px) between down and up was a tap. */
const TAP_SLOP_PX = 10;
/** Two taps within this many ms and {@link DOUBLE_TAP_SLOP_PX} px of each other are a double tap. */
const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_SLOP_PX = 30;

type Handler = (e: ReactPointerEvent<HTMLDivElement>) => void;

export interface ZoomPan {
  view: ZoomView;
  /** px the unzoomed photo follows a finger during a swipe (0 otherwise). */
  swipeX: number;
  /** Put on the stage (the element that receives the gestures and clips the zoomed photo). */
  stageRef: RefObject<HTMLDivElement | null>;
  /** Put on the photo (the element that is transformed). */
  photoRef: RefObject<HTMLDivElement | null>;
  handlers: { onPointerDown: Handler; onPointerMove: Handler; onPointerUp: Handler; onPointerCancel: Handler };
  /** Zoom by `factor` about the stage's centre (keys and buttons). */
  zoomBy: (factor: number) => void;
  reset: () => void;
}

interface Gesture {
  view: ZoomView;
  points: Map<number, Point>;
  moved: boolean;
  /** Two fingers were down at some point: never a swipe or a tap. */
  multi: boolean;
}

/**
 * @param resetKey the view returns to fitted whenever it changes (the photo's id).
 * @param onSwipe 1 = next photo (finger moved left), -1 = previous.
 */
export function useZoomPan(resetKey: string, onSwipe: (direction: 1 | -1) => void): ZoomPan {
  const stageRef = useRef<HTMLDivElement | null>(null);
  const photoRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState<ZoomView>(FITTED);
  const [swipeX, setSwipeX] = useState(0);
  const viewRef = useRef<ZoomView>(FITTED);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const lastTap = useRef<{ t: number; p: Point } | null>(null);
  const swipeRef = useRef(onSwipe);
  swipeRef.current = onSwipe;

  /**
   * The stage's rect and the photo's fitted size and centre in client px, fractional (offsetWidth & co. round to
   * whole px, which a 4× zoom turns into a visible gap): the photo's rect undone by its current transform.
   */
  const measure = () => {
    const stage = stageRef.current;
    const photo = photoRef.current;
    if (!stage || !photo) return null;
    const r = photo.getBoundingClientRect();
    const t = getComputedStyle(photo).transform;
    const m = new DOMMatrixReadOnly(t === 'none' ? undefined : t);
    if (r.width === 0 || m.a === 0) return null;
    const centre = { x: (r.left + r.right) / 2 - m.e, y: (r.top + r.bottom) / 2 - m.f };
    return { stage: stage.getBoundingClientRect(), width: r.width / m.a, height: r.height / m.d, centre };
  };
  const frame = (): ZoomFrame | null => {
    const m = measure();
    if (!m) return null;
    const { stage } = m;
    return {
      photoWidth: m.width,
      photoHeight: m.height,
      stageWidth: stage.width,
      stageHeight: stage.height,
      offset: { x: m.centre.x - (stage.left + stage.width / 2), y: m.centre.y - (stage.top + stage.height / 2) },
    };
  };
  /** A client point (px) as px from the fitted photo's centre. */
  const local = (p: Point): Point => {
    const m = measure();
    return m ? { x: p.x - m.centre.x, y: p.y - m.centre.y } : { x: 0, y: 0 };
  };
  const apply = useCallback((v: ZoomView) => {
    const f = frame();
    const next = f ? clampView(v, f) : FITTED;
    viewRef.current = next;
    setView(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `frame` reads refs only, so the callback never goes stale
  }, []);
  const reset = useCallback(() => apply(FITTED), [apply]);
  const zoomBy = useCallback(
    (factor: number) => {
      const r = stageRef.current?.getBoundingClientRect();
      const v = viewRef.current;
      if (r) apply(zoomAt(v, clampScale(v.scale * factor), local({ x: r.left + r.width / 2, y: r.top + r.height / 2 })));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `local` reads refs only
    [apply],
  );

  useEffect(() => {
    viewRef.current = FITTED;
    setView(FITTED);
    setSwipeX(0);
  }, [resetKey]);

  // React's onWheel is passive; a non-passive listener is what lets the wheel zoom instead of scrolling.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewRef.current;
      apply(zoomAt(v, clampScale(v.scale * wheelFactor(e.deltaY, e.deltaMode)), local({ x: e.clientX, y: e.clientY })));
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `local` reads refs only
  }, [apply]);

  const begin = () => {
    const was = gesture.current;
    gesture.current = {
      view: viewRef.current,
      points: new Map(pointers.current),
      moved: was?.moved ?? false,
      multi: (was?.multi ?? false) || pointers.current.size > 1,
    };
  };

  const onPointerDown: Handler = (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    begin();
  };

  const onPointerMove: Handler = (e) => {
    const g = gesture.current;
    if (!g || !pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const ids = [...pointers.current.keys()];
    if (ids.length >= 2) {
      const [a, b] = ids as [number, number];
      const was = spread(g.points.get(a)!, g.points.get(b)!);
      const now = spread(pointers.current.get(a)!, pointers.current.get(b)!);
      const scale = clampScale((g.view.scale * now.distance) / Math.max(1, was.distance));
      // The photo point under the fingers' first midpoint follows the midpoint as it moves.
      const v = zoomAt(g.view, scale, local(was.mid));
      g.moved = true;
      apply({ scale, x: v.x + now.mid.x - was.mid.x, y: v.y + now.mid.y - was.mid.y });
      return;
    }
    const p0 = g.points.get(e.pointerId)!;
    const dx = e.clientX - p0.x;
    const dy = e.clientY - p0.y;
    if (!g.moved && Math.hypot(dx, dy) < TAP_SLOP_PX) return;
    if (!g.moved) {
      g.moved = true;
      // Captured only once it is a drag, so a click on a face box still reaches the box.
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    if (g.view.scale > 1) apply({ ...g.view, x: g.view.x + dx, y: g.view.y + dy });
    else if (!g.multi) setSwipeX(dx);
  };

  const onPointerUp: Handler = (e) => {
    const g = gesture.current;
    const p0 = g?.points.get(e.pointerId);
    if (!pointers.current.delete(e.pointerId)) return;
    if (pointers.current.size > 0) return begin(); // one finger of a pinch lifted: the other pans on from here
    gesture.current = null;
    setSwipeX(0);
    if (!g || !p0 || e.type === 'pointercancel') return;
    const dx = e.clientX - p0.x;
    const dy = e.clientY - p0.y;
    if (g.moved) {
      if (!g.multi && g.view.scale === 1 && Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy)) swipeRef.current(dx < 0 ? 1 : -1);
      return;
    }
    if (g.multi) return;
    const p = { x: e.clientX, y: e.clientY };
    const last = lastTap.current;
    if (last && e.timeStamp - last.t < DOUBLE_TAP_MS && Math.hypot(p.x - last.p.x, p.y - last.p.y) < DOUBLE_TAP_SLOP_PX) {
      lastTap.current = null;
      const v = viewRef.current;
      apply(v.scale > 1 ? FITTED : zoomAt(v, DOUBLE_TAP_SCALE, local(p)));
    } else lastTap.current = { t: e.timeStamp, p };
  };

  return {
    view,
    swipeX,
    stageRef,
    photoRef,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
    zoomBy,
    reset,
  };
}
