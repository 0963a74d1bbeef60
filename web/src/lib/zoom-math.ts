/**
 * The viewer's zoom and pan arithmetic, pure so it can be tested without a browser. A view is a scale (1 = the
 * photo fitted to the stage) and a translation in CSS px of the photo's centre from where it sits when fitted.
 * The photo is drawn with `transform: translate(x, y) scale(scale)` and `transform-origin: center`.
 */

/** Scale and translation (CSS px) of the photo relative to its fitted, centred place. */
export interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

/** A point in CSS px. */
export interface Point {
  x: number;
  y: number;
}

/** The photo as fitted (px, before any transform) and the stage it is shown in, with the offset between centres. */
export interface ZoomFrame {
  photoWidth: number;
  photoHeight: number;
  stageWidth: number;
  stageHeight: number;
  /** The fitted photo's centre minus the stage's centre, px (the stage's padding is not symmetric). */
  offset: Point;
}

export const FITTED: ZoomView = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 6;
/** Where a double tap or double click zooms to, and back from. */
export const DOUBLE_TAP_SCALE = 2.5;
/** One +/− key press or zoom button. */
export const KEY_ZOOM_STEP = 1.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Keeps the scale within 1..{@link MAX_SCALE} and the photo over the stage: along an axis where the zoomed photo
 * is larger than the stage, its edges may not come inside the stage's (no empty band after panning); where it is
 * smaller, it stays at its fitted place.
 */
export function clampView(v: ZoomView, f: ZoomFrame): ZoomView {
  const scale = clamp(v.scale, 1, MAX_SCALE);
  const axis = (t: number, size: number, stage: number, offset: number) => {
    const slack = (size * scale - stage) / 2;
    return slack <= 0 ? 0 : clamp(t, -slack - offset, slack - offset);
  };
  return {
    scale,
    x: axis(v.x, f.photoWidth, f.stageWidth, f.offset.x),
    y: axis(v.y, f.photoHeight, f.stageHeight, f.offset.y),
  };
}

/**
 * Zooms to `scale` while the photo point under `at` stays under it (the cursor for the wheel, the fingers'
 * midpoint for a pinch). `at` is in px from the fitted photo's centre.
 */
export function zoomAt(v: ZoomView, scale: number, at: Point): ZoomView {
  const k = scale / v.scale;
  return { scale, x: at.x - (at.x - v.x) * k, y: at.y - (at.y - v.y) * k };
}

/** Scale change of one wheel event: exponential, so zooming in then out by the same delta returns to the start. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  // deltaMode 1 = lines, 2 = pages (Firefox); a line is about 16 px.
  const px = deltaY * (deltaMode === 1 ? 16 : deltaMode === 2 ? 400 : 1);
  return Math.exp(-px * 0.002);
}

/** Distance and midpoint of two touches. */
export function spread(a: Point, b: Point): { distance: number; mid: Point } {
  return { distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
}

/** A scale within 1..{@link MAX_SCALE}. */
export const clampScale = (scale: number) => clamp(scale, 1, MAX_SCALE);
