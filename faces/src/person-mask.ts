/**
 * One person out of a segmentation mask. Person-segmentation models (MediaPipe Selfie) mark
 * every person as foreground, and people standing shoulder to shoulder merge into one blob, so
 * the face boxes decide who owns which foreground pixel: each pixel goes to the face whose
 * column it is nearest (bodies hang below heads), then only the connected region touching the
 * chosen face is kept. Distance to a face = horizontal offset from its centre column in face
 * widths, plus a penalty for pixels well above the head (nothing but hair sits there). Pure functions on typed arrays: run inside the face worker.
 *
 * Exchange synthesis mode: cut out the person nearest the detected face, not everyone in the frame.
 */
import type { Box } from './types.js';

/** Alpha at or above this (0..255) counts as foreground for ownership and connectivity. */
export const FOREGROUND = 128;

/** A single person's alpha, same size as the input mask, and its bounding box (mask px). */
export interface IsolatedPerson {
  alpha: Uint8Array;
  box: Box;
  /** Share of the mask's pixels that are this person's foreground, 0..1. */
  coverage: number;
}

/**
 * Keeps one person of a soft mask.
 * @param alpha one byte per pixel, 0 = background, 255 = person (row-major, `width × height`).
 * @param faces every face found in the image, in mask px.
 * @param keep index into `faces` of the person to keep.
 * @returns the person's alpha (soft edges kept) and box, or null when no foreground touches or
 *   lies within one face height of the chosen face (the model saw nobody there).
 */
export function isolatePerson(alpha: Uint8Array, width: number, height: number, faces: Box[], keep: number): IsolatedPerson | null {
  const face = faces[keep];
  if (!face) throw new RangeError(`face ${keep} of ${faces.length}`);
  const n = width * height;
  // owner[i] = 2 (foreground) or 1 (soft edge) when pixel i is closer to the chosen face than to
  // any other. faceDistance() written out per row: this loop sees every pixel.
  const owner = new Uint8Array(n);
  const cx = faces.map((f) => f.x + f.width / 2);
  const invW = faces.map((f) => 1 / f.width);
  const ceiling = faces.map((f) => f.y - 0.6 * f.height);
  const penalty = new Float64Array(faces.length);
  // Per-pixel loops: k and keep index faces (keep checked above) and its per-face arrays, and
  // row + x stays below width × height, the mask's length; `!` rather than a check per pixel.
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < faces.length; k++) penalty[k] = y < ceiling[k]! ? (ceiling[k]! - y) / faces[k]!.height : 0;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const a = alpha[row + x]!;
      if (a === 0) continue;
      const mine = Math.abs(x + 0.5 - cx[keep]!) * invW[keep]! + penalty[keep]!;
      let best = true;
      for (let k = 0; k < faces.length; k++) {
        if (k !== keep && Math.abs(x + 0.5 - cx[k]!) * invW[k]! + penalty[k]! < mine) {
          best = false;
          break;
        }
      }
      if (best) owner[row + x] = a >= FOREGROUND ? 2 : 1;
    }
  }
  const seed = seedPixel(owner, width, height, face);
  if (seed < 0) return null;
  // Flood fill (4-connected) over the owned foreground from the seed; soft pixels are added after.
  const inside = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const push = (j: number) => {
    if (owner[j] === 2 && !inside[j]) {
      inside[j] = 1;
      queue[tail++] = j;
    }
  };
  queue[tail++] = seed;
  inside[seed] = 1;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  while (head < tail) {
    const i = queue[head++]!; // head < tail ≤ n, the queue's length
    const x = i % width;
    const y = (i - x) / width;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (y > 0) push(i - width);
    if (y < height - 1) push(i + width);
  }
  // The soft fringe (alpha below FOREGROUND) around the region carries the model's own edge.
  const fringe = Math.max(2, Math.round(face.height * 0.15));
  const x0 = Math.max(0, minX - fringe);
  const x1 = Math.min(width - 1, maxX + fringe);
  const y0 = Math.max(0, minY - fringe);
  const y1 = Math.min(height - 1, maxY + fringe);
  const out = new Uint8Array(n);
  let count = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = y * width + x;
      if (inside[i] || owner[i] === 1) {
        out[i] = alpha[i]!; // i inside the mask (x0..x1, y0..y1 are clamped to it)
        if (inside[i]) count++;
      }
    }
  }
  return { alpha: out, box: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }, coverage: count / n };
}

/** A foreground pixel of the chosen face: inside its box if any, else the nearest within one face height; −1 when none. */
function seedPixel(owner: Uint8Array, width: number, height: number, face: Box): number {
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const reach = face.height;
  const x0 = Math.max(0, Math.floor(face.x - reach));
  const x1 = Math.min(width - 1, Math.ceil(face.x + face.width + reach));
  const y0 = Math.max(0, Math.floor(face.y - reach));
  const y1 = Math.min(height - 1, Math.ceil(face.y + face.height + reach));
  let best = -1;
  let bestD = Infinity;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = y * width + x;
      if (owner[i] !== 2) continue;
      const d = Math.hypot(x - cx, y - cy);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
  }
  return best;
}
