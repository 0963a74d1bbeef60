/**
 * Where an <img>'s pixels are on screen, and the mapping from a selection drawn in CSS
 * pixels to the image's natural pixels. Everything here is in CSS pixels (never device
 * pixels), so devicePixelRatio cannot shift the result; CSS scaling, padding, borders,
 * object-fit and object-position are taken into account.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImageLayout {
  /** The content box in page coordinates (CSS px). */
  box: Rect;
  /** The drawn image relative to the content box (can overflow it with object-fit: cover/none). */
  image: Rect;
  /** Natural size: what the browser decoded, EXIF orientation applied (naturalWidth/Height). */
  naturalWidth: number;
  naturalHeight: number;
}

const num = (v: string) => parseFloat(v) || 0;

/** One `object-position` component: `50%` or `12px` of the free space. */
function position(token: string | undefined, free: number): number {
  if (!token) return free / 2;
  if (token.endsWith('%')) return (free * num(token)) / 100;
  if (token.endsWith('px')) return num(token);
  return free / 2;
}

/** Measures `img` now (call again after scroll/resize). */
export function layoutOf(img: HTMLImageElement): ImageLayout {
  const r = img.getBoundingClientRect();
  const cs = getComputedStyle(img);
  const left = num(cs.borderLeftWidth) + num(cs.paddingLeft);
  const top = num(cs.borderTopWidth) + num(cs.paddingTop);
  const cw = r.width - left - num(cs.borderRightWidth) - num(cs.paddingRight);
  const ch = r.height - top - num(cs.borderBottomWidth) - num(cs.paddingBottom);
  const nw = img.naturalWidth || cw;
  const nh = img.naturalHeight || ch;
  let sx = cw / nw;
  let sy = ch / nh;
  const fit = cs.objectFit;
  if (fit === 'contain' || fit === 'scale-down' || fit === 'cover' || fit === 'none') {
    let s = fit === 'cover' ? Math.max(sx, sy) : fit === 'none' ? 1 : Math.min(sx, sy);
    if (fit === 'scale-down') s = Math.min(1, s);
    sx = sy = s;
  }
  const iw = nw * sx;
  const ih = nh * sy;
  const [px, py] = cs.objectPosition.split(' ');
  return {
    box: { x: r.left + window.scrollX + left, y: r.top + window.scrollY + top, width: cw, height: ch },
    image: { x: position(px, cw - iw), y: position(py, ch - ih), width: iw, height: ih },
    naturalWidth: nw,
    naturalHeight: nh,
  };
}

/** The part of the image that is visible in its content box: where a selection may go. */
export function visibleImage(l: ImageLayout): Rect {
  const x = Math.max(0, l.image.x);
  const y = Math.max(0, l.image.y);
  const x1 = Math.min(l.box.width, l.image.x + l.image.width);
  const y1 = Math.min(l.box.height, l.image.y + l.image.height);
  return { x, y, width: Math.max(0, x1 - x), height: Math.max(0, y1 - y) };
}

/**
 * A selection (CSS px, relative to the content box) in natural pixels and as fractions
 * of the natural size. Edges are rounded, so both forms describe the same whole pixels.
 */
export function toNatural(sel: Rect, l: ImageLayout): { rect: Rect; fraction: Rect } {
  const sx = l.image.width / l.naturalWidth;
  const sy = l.image.height / l.naturalHeight;
  const x0 = Math.round((sel.x - l.image.x) / sx);
  const y0 = Math.round((sel.y - l.image.y) / sy);
  const x1 = Math.round((sel.x + sel.width - l.image.x) / sx);
  const y1 = Math.round((sel.y + sel.height - l.image.y) / sy);
  const rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const W = l.naturalWidth;
  const H = l.naturalHeight;
  return { rect, fraction: { x: x0 / W, y: y0 / H, width: rect.width / W, height: rect.height / H } };
}

/** Gap (CSS px) between the image and the panel, and between the panel and the viewport's edges. */
const PANEL_GAP = 10;

/**
 * Where the share panel goes, relative to the image's content box, so that all of it (its Share button
 * included) is inside the viewport: below the image when it fits there, else above it, else over the
 * image's lower part, pulled into the viewport; and shifted left when the viewport's right edge would
 * cut it. `box` is the content box in viewport coordinates (getBoundingClientRect), sizes in CSS px.
 */
export function panelPosition(
  box: Rect,
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  const below = box.y + box.height + PANEL_GAP;
  const above = box.y - PANEL_GAP - panel.height;
  const lowest = viewport.height - PANEL_GAP - panel.height;
  const fits = (top: number) => top >= PANEL_GAP && top <= lowest;
  let top: number;
  if (fits(below)) top = below;
  else if (fits(above)) top = above;
  // Over the image's lower part, pulled into the viewport (also when the image is scrolled out of it).
  else top = Math.max(PANEL_GAP, Math.min(box.y + box.height - panel.height, lowest));
  const left = Math.max(PANEL_GAP, Math.min(box.x, viewport.width - PANEL_GAP - panel.width));
  return { top: top - box.y, left: left - box.x };
}
