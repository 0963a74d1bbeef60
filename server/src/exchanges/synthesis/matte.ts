/**
 * A clean matte for the pasted person from the segmentation model's coarse mask (MediaPipe Selfie,
 * 256×256 per pass, upsampled): opaque inside the person, soft only across their edge, the edge
 * lying on the photo's own edge.
 *
 * Why each step: the model's alpha is often 0.5–0.9 *inside* a person (dark clothes, hair), which
 * pasted as-is gives a see-through "ghost". So the mask is made binary at 50%, holes the person
 * encloses are filled, then a guided filter (He et al. 2010) with the photo as guide moves the edge
 * onto the photo's edges and softens it over a few px, and a smoothstep makes everything away from
 * that edge fully opaque or fully clear again.
 */
import { boxMean, greyOf, guidedFilter } from './guided-filter.js';

/** Mask values at or above this (0..255) are the person. */
const FOREGROUND = 128;
/** After the guided filter: below LOW is clear, above HIGH opaque, smoothstep between. */
const LOW = 0.2;
const HIGH = 0.8;
/** Feather radius as a share of the person's height (two box passes ≈ a Gaussian of σ ≈ 0.8 r). */
const FEATHER = 0.002;

/**
 * Fills the background pockets a person encloses (between an arm and the body, inside hair): any
 * background not connected to the crop's border. 4-connected flood fill from the border.
 */
export function fillHoles(bin: Uint8Array, width: number, height: number): void {
  const outside = new Uint8Array(bin.length);
  const queue = new Int32Array(bin.length);
  let tail = 0;
  const seed = (i: number) => {
    if (!bin[i] && !outside[i]) {
      outside[i] = 1;
      queue[tail++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < bin.length - width) seed(i + width);
  }
  // Pockets larger than 2% of the crop are real background seen through (between legs): keep those clear.
  // A cheap proxy: only fill when the enclosed area is small overall.
  let enclosed = 0;
  for (let i = 0; i < bin.length; i++) if (!bin[i] && !outside[i]) enclosed++;
  if (enclosed > bin.length * 0.02) return;
  for (let i = 0; i < bin.length; i++) if (!outside[i]) bin[i] = 1;
}

/**
 * @param rgb the person's crop, interleaved RGB bytes, `width × height` (the guide).
 * @param mask the model's alpha for the same crop, 0..255, same size.
 * @param personHeight the person's height in this crop, px (sets the edge width: about 0.5% of it).
 * @returns alpha 0..255: 255 inside, 0 outside, intermediate only within a few px of the edge.
 */
export function buildMatte(rgb: Uint8Array, mask: Uint8Array, width: number, height: number, personHeight = height): Uint8Array {
  const n = width * height;
  const bin = new Uint8Array(n);
  for (let i = 0; i < n; i++) bin[i] = mask[i] >= FOREGROUND ? 1 : 0;
  fillHoles(bin, width, height);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) p[i] = bin[i];
  const r = Math.max(2, Math.round(personHeight * 0.006));
  // eps ~ (grey step of 0.1)²: edges in the photo weaker than that do not move the matte.
  const q = guidedFilter(greyOf(rgb, width, height, 3), p, width, height, r, 0.01);
  const hard = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.min(1, Math.max(0, (q[i] - LOW) / (HIGH - LOW)));
    hard[i] = t * t * (3 - 2 * t);
  }
  // A photo's own outlines are a few px soft (lens, depth of field, demosaicing): a pasted edge
  // sharper than that reads as cut out. Feather over ~0.3% of the person's height, the edge only.
  const feather = Math.max(1, Math.round(personHeight * FEATHER));
  const soft = boxMean(boxMean(hard, width, height, feather), width, height, feather);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(Math.min(1, Math.max(0, soft[i])) * 255);
  return out;
}

/**
 * Share of the matte's pixels that are intermediate (neither ~clear nor ~opaque), and how many of
 * those lie farther than `edge` px from the 50% boundary: a ghosted matte has many such pixels.
 */
export function matteSoftness(alpha: Uint8Array, width: number, height: number, edge: number): { soft: number; softAwayFromEdge: number } {
  // Distance to the boundary by a square-window test: a pixel is near the edge when a pixel on the
  // other side of 50% lies within `edge` px (row and column scans, enough for a figure).
  let soft = 0;
  let away = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = alpha[y * width + x];
      if (a <= 12 || a >= 243) continue;
      soft++;
      const side = a >= 128;
      let near = false;
      for (let d = 1; d <= edge && !near; d++) {
        for (const [dx, dy] of [
          [d, 0],
          [-d, 0],
          [0, d],
          [0, -d],
          [d, d],
          [-d, -d],
          [d, -d],
          [-d, d],
        ]) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          if (alpha[yy * width + xx] >= 128 !== side) {
            near = true;
            break;
          }
        }
      }
      if (!near) away++;
    }
  }
  return { soft: soft / (width * height), softAwayFromEdge: away };
}
