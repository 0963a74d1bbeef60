/**
 * The responder's person as an RGBA layer, built with sharp (libvips, off the event loop) and the
 * matte of matte.ts: the person box cropped from the oriented photo at the placement's scale, the
 * segmentation mask upsampled to it and refined against the photo's edges.
 */
import sharp from 'sharp';
import type { Box, PersonSegmentation } from '@kith/faces';
import { buildMatte } from './matte.js';
import type { Mask } from './scene-people.js';

export interface CutOut {
  /** Raw RGBA, `width × height × 4` bytes; alpha is the refined matte. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** The person's box in oriented original px (mask box × mask scale), clamped to the image. */
export function personBoxOf(seg: PersonSegmentation): Box {
  const b = seg.box!;
  const x = Math.max(0, Math.floor(b.x * seg.scale));
  const y = Math.max(0, Math.floor(b.y * seg.scale));
  const right = Math.min(seg.originalWidth, Math.ceil((b.x + b.width) * seg.scale));
  const bottom = Math.min(seg.originalHeight, Math.ceil((b.y + b.height) * seg.scale));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** The kept person's mask over their box, analysis px (for placement, which only needs it coarse). */
export function personMaskOf(seg: PersonSegmentation): Mask {
  const b = seg.box!;
  const data = new Uint8Array(b.width * b.height);
  for (let y = 0; y < b.height; y++)
    data.set(seg.alpha.subarray((b.y + y) * seg.width + b.x, (b.y + y) * seg.width + b.x + b.width), y * b.width);
  return { data, width: b.width, height: b.height };
}

/**
 * @param responder the responder's encoded photo.
 * @param seg its segmentation (box non-null), mask at analysis size.
 * @param scale placement scale (cut-out px per original px).
 * @param limitInputPixels sharp's decompression-bomb limit.
 * @throws sharp's Error for undecodable input.
 */
export async function buildCutOut(
  responder: Uint8Array,
  seg: PersonSegmentation,
  scale: number,
  limitInputPixels: number,
): Promise<CutOut> {
  const box = personBoxOf(seg);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const maskBox = seg.box!;
  const [rgb, mask] = await Promise.all([
    sharp(responder, { limitInputPixels })
      .rotate()
      .extract({ left: box.x, top: box.y, width: box.width, height: box.height })
      .resize(width, height, { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer(),
    sharp(Buffer.from(seg.alpha.buffer, seg.alpha.byteOffset, seg.alpha.byteLength), {
      raw: { width: seg.width, height: seg.height, channels: 1 },
    })
      .extract({ left: maskBox.x, top: maskBox.y, width: maskBox.width, height: maskBox.height })
      .resize(width, height, { fit: 'fill', kernel: 'linear' })
      // libvips turns a one-band image into sRGB on output: keep one band, as bytes.
      .extractChannel(0)
      .raw({ depth: 'uchar' })
      .toBuffer(),
  ]);
  const alpha = buildMatte(rgb, mask, width, height);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0, k = 0; i < alpha.length; i++, j += 3, k += 4) {
    data[k] = rgb[j];
    data[k + 1] = rgb[j + 1];
    data[k + 2] = rgb[j + 2];
    data[k + 3] = alpha[i];
  }
  return { data, width, height };
}

/**
 * Which sides of a person's mask end in a straight vertical cut: their photo's edge, or the column
 * where a neighbour of theirs was cut away (people standing together merge in the model's mask).
 * A side is straight when at least 12% of the rows end within 1 px of the outermost column.
 */
export function straightSides(mask: Mask): { left: boolean; right: boolean } {
  const { data, width, height } = mask;
  const lefts: number[] = [];
  const rights: number[] = [];
  for (let y = 0; y < height; y++) {
    let l = -1;
    let r = -1;
    for (let x = 0; x < width; x++)
      if (data[y * width + x] >= 128) {
        if (l < 0) l = x;
        r = x;
      }
    if (l >= 0) {
      lefts.push(l);
      rights.push(r);
    }
  }
  if (!lefts.length) return { left: false, right: false };
  const minL = Math.min(...lefts);
  const maxR = Math.max(...rights);
  const share = (xs: number[], edge: number) => xs.filter((x) => Math.abs(x - edge) <= 1).length / xs.length;
  return { left: share(lefts, minL) >= 0.12, right: share(rights, maxR) >= 0.12 };
}

/**
 * Fades a straight side of the cut-out out over `band` px from its outermost opaque column inward
 * (alpha × distance / band): where the column split between the person and a neighbour of theirs
 * stands in the open, it shows as a soft edge rather than a ruler-straight line. In place.
 */
export function fadeSide(cut: CutOut, side: 'left' | 'right', band: number): void {
  const { data, width, height } = cut;
  let edge = side === 'left' ? width : -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] >= 128 && (side === 'left' ? x < edge : x > edge)) edge = x;
  if (edge < 0 || edge >= width || band < 1) return;
  const dir = side === 'left' ? 1 : -1;
  for (let y = 0; y < height; y++) {
    for (let d = 0; d < band; d++) {
      const x = edge + dir * d;
      if (x < 0 || x >= width) break;
      const i = (y * width + x) * 4 + 3;
      data[i] = Math.round((data[i] * d) / band);
    }
    // The soft fringe beyond the outermost opaque column goes too.
    for (let x = edge - dir; x >= 0 && x < width; x -= dir) data[(y * width + x) * 4 + 3] = 0;
  }
}

/**
 * Carries the person out to the frame on the sides where their own photo cut them: the model's
 * mask fades within a few px of an image's edge, which would leave a strip of the scene between
 * the person and the frame. Each row (column, for the bottom) takes, in its outer 3%, at least the
 * alpha found just inside that band. In place.
 */
export function extendToFrame(cut: CutOut, sides: { left: boolean; right: boolean; bottom: boolean }): void {
  const { data, width, height } = cut;
  const a = (x: number, y: number) => (y * width + x) * 4 + 3;
  const bx = Math.max(2, Math.round(width * 0.03));
  const by = Math.max(2, Math.round(height * 0.03));
  for (let y = 0; y < height; y++) {
    if (sides.left) for (let x = bx - 1, v = data[a(bx, y)]; x >= 0; x--) data[a(x, y)] = Math.max(data[a(x, y)], v);
    if (sides.right) for (let x = width - bx, v = data[a(width - 1 - bx, y)]; x < width; x++) data[a(x, y)] = Math.max(data[a(x, y)], v);
  }
  if (sides.bottom)
    for (let x = 0; x < width; x++)
      for (let y = height - by, v = data[a(x, height - 1 - by)]; y < height; y++) data[a(x, y)] = Math.max(data[a(x, y)], v);
}

/** Columns of the mask's box outside the opaque person on each side, in the mask's px. */
export function opaqueInset(mask: Mask): { left: number; right: number } {
  let l = mask.width;
  let r = -1;
  for (let y = 0; y < mask.height; y++)
    for (let x = 0; x < mask.width; x++)
      if (mask.data[y * mask.width + x] >= 128) {
        if (x < l) l = x;
        if (x > r) r = x;
      }
  return r < 0 ? { left: 0, right: 0 } : { left: l, right: mask.width - 1 - r };
}
