/**
 * Face quality: size, sharpness and pose, combined into one 0..1 score.
 * Used to pick the best face of a person as its cover, to refuse reference faces
 * that are too small (`face_too_small`), and to keep blurred faces out of people clusters.
 */
import type { Box } from './types.js';

/** Eyes' outer corners closer than this (px, original image) make a face too small to register as a reference. */
export const MIN_REFERENCE_EYE_DISTANCE_PX = 80;
/** Under this Laplacian variance a face reads as blurred (measured on the party photos: sharp faces are 150–900). */
export const BLUR_THRESHOLD = 40;

/**
 * Variance of the 4-neighbour Laplacian over a box of an RGB(A) raw buffer, on luma.
 * @param data raw interleaved pixels; @param channels 3 or 4; @param box px of that buffer.
 * @returns grey levels² (0 for an empty box).
 */
export function laplacianVariance(data: Uint8Array, width: number, height: number, channels: number, box: Box): number {
  // Sample with a stride so a 600 px face costs the same as a 150 px one.
  const step = Math.max(1, Math.floor(Math.min(box.width, box.height) / 150));
  const x0 = Math.max(step, Math.floor(box.x));
  const y0 = Math.max(step, Math.floor(box.y));
  const x1 = Math.min(width - 1 - step, Math.ceil(box.x + box.width));
  const y1 = Math.min(height - 1 - step, Math.ceil(box.y + box.height));
  if (x1 <= x0 || y1 <= y0) return 0;
  // Every (x ± step, y ± step) sampled lies inside the image (x0..x1 and y0..y1 keep a step from
  // the edges), so i..i+2 index the buffer: `!` rather than a check per sample.
  const luma = (x: number, y: number) => {
    const i = (y * width + x) * channels;
    return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  };
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const lap = luma(x - step, y) + luma(x + step, y) + luma(x, y - step) + luma(x, y + step) - 4 * luma(x, y);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Combines the signals: size (full marks at the reference minimum of 80 px between the eyes'
 * outer corners), sharpness (full marks at 2.5× the blur threshold) and pose (cosine of yaw
 * and pitch: a profile scores near 0). Each factor is 0..1; the score is their product.
 */
export function qualityScore(eyeDistancePx: number, sharpness: number, yawDeg: number, pitchDeg: number): number {
  const size = clamp01(eyeDistancePx / MIN_REFERENCE_EYE_DISTANCE_PX);
  const sharp = clamp01(sharpness / (2.5 * BLUR_THRESHOLD));
  const rad = Math.PI / 180;
  const pose = clamp01(Math.cos(yawDeg * rad) * Math.cos(pitchDeg * rad));
  return Math.round(size * sharp * pose * 1000) / 1000;
}

/**
 * Quality floor for a face to act on a match (0..1 {@link qualityScore}): a face under it is still
 * placed in People, but never routes a photo to anyone nor passes an inbox check. At 0.2 a sharp,
 * frontal face needs about 16 px between the eyes' outer corners: on the party photos a face that
 * small still matched its person at distance 0.88 (threshold 1.17), next to others at 1.21–1.26,
 * so a decision that sends a photo away rests on too little of the face.
 */
export const MIN_MATCH_QUALITY = 0.2;
