/**
 * BASELINE, kept only for `bench:synthesis` to compare against: the group-photo compositor as it was
 * before the matte / placement / colour-match rewrite (server/src/exchanges/synthesis/). Unchanged but
 * for `composeTraced`, which also hands back the pasted person's alpha on the canvas (for the seam figure).
 *
 * Exchange synthesis mode: the requester's photo is the scene, the responder's person is cut out
 * and stands beside the requester, as if both had been photographed together.
 *
 * Pipeline: face analysis of both photos (face engine worker pool) →
 * segmentation of the responder, keeping only the person of the largest face (same pool, MediaPipe
 * Selfie, two passes) → size by face heights, side with more room, faces level (placement.ts) →
 * feathered, brightness-matched RGBA cut-out (cut-out.ts) → sharp composite → JPEG without metadata.
 * Anything that makes a group photo impossible (no face in either photo, no person under the face,
 * face analysis off) gives the two photos side by side instead (diptych.ts), with a note saying why.
 *
 * Seed: image-exchange-and-synthesis (Changhong), abstract: "can realize group photos of users in
 * different places at the same time"; step 101 "image synthesis exchange relationship".
 */
import sharp, { type OverlayOptions } from 'sharp';
import { decodeForAnalysis, type AnalysedFace, type FaceAnalysis } from '@kith/faces';
import type { FaceAnalyser } from '../../../server/src/faces/face-analyser.js';
import type { ComposedPhoto, ExchangeComposer } from '../../../server/src/exchanges/composer-port.js';
import { buildCutOut, personBoxOf, regionLuma } from './cut-out.js';
// The side-by-side fallback is unchanged between the two compositors: one copy, the server's.
import { composeDiptych } from '../../../server/src/exchanges/synthesis/diptych.js';
import { placePerson } from './placement.js';
import { widenedCanvas } from './widened-canvas.js';

export interface GroupPhotoComposer extends ExchangeComposer {
  /** Nothing of its own to release (the face analyser belongs to the container); kept for the contract. */
  close(): Promise<void>;
  /** `compose` plus the pasted person's alpha on the output canvas (null for a diptych). */
  composeTraced(requester: Uint8Array, responder: Uint8Array): Promise<{ photo: ComposedPhoto; matte: Uint8Array | null }>;
}

export interface GroupPhotoComposerDeps {
  faceAnalyser: Pick<FaceAnalyser, 'enabled' | 'analyse' | 'segment'>;
  /** Long side of the result, px (default 2048, the size exchanged images are re-encoded to). */
  maxSide?: number;
  /** Refuse inputs above this many pixels (decompression bombs; default 100 M, the server's `maxImagePixels`). */
  maxPixels?: number;
  /** JPEG quality 1–100 (default 88). */
  quality?: number;
}

/** A person within this share of their photo's size from an edge is cut by that edge. */
const EDGE_TOUCH = 0.02;

const largest = (faces: AnalysedFace[]) => faces.reduce((a, b) => (b.box.height > a.box.height ? b : a));

/**
 * @returns a composer whose `compose(requester, responder)` gives one JPEG (px sizes, `mode`
 *   `synthesis` or `diptych` with a `note`, timings in ms).
 * @throws from `compose`: FaceInputError `invalid_image` / `image_too_large` (face engine), sharp's Error
 *   for input it cannot decode — callers validate captures before composing.
 */
export function createGroupPhotoComposer(deps: GroupPhotoComposerDeps): GroupPhotoComposer {
  const maxSide = deps.maxSide ?? 2048;
  const maxPixels = deps.maxPixels ?? 100_000_000;
  const quality = deps.quality ?? 88;
  const { faceAnalyser } = deps;

  async function diptych(requester: Uint8Array, responder: Uint8Array, note: string, t0: number, segmentationMs = 0) {
    const d = await composeDiptych(requester, responder, maxSide, maxPixels);
    return { ...d, mode: 'diptych' as const, note, timings: { segmentationMs, totalMs: performance.now() - t0 } };
  }

  async function compose(requester: Uint8Array, responder: Uint8Array): Promise<ComposedPhoto> {
    return (await composeTraced(requester, responder)).photo;
  }

  async function composeTraced(requester: Uint8Array, responder: Uint8Array): Promise<{ photo: ComposedPhoto; matte: Uint8Array | null }> {
    const photo = await composeInner(requester, responder);
    const matte = lastMatte;
    lastMatte = null;
    return { photo, matte: photo.mode === 'synthesis' ? matte : null };
  }

  let lastMatte: Uint8Array | null = null;

  async function composeInner(requester: Uint8Array, responder: Uint8Array): Promise<ComposedPhoto> {
    const t0 = performance.now();
    if (!faceAnalyser.enabled) return diptych(requester, responder, 'face analysis is off on this server: side by side instead', t0);
    const [scene, other] = await Promise.all([faceAnalyser.analyse(requester), faceAnalyser.analyse(responder)]);
    if (other.faces.length === 0) return diptych(requester, responder, "no face found in the responder's photo: side by side instead", t0);
    if (scene.faces.length === 0) return diptych(requester, responder, "no face found in the requester's photo: side by side instead", t0);
    const face = largest(other.faces);
    const seg = await faceAnalyser.segment(responder, { faces: other.faces.map((f) => f.box), keep: other.faces.indexOf(face) });
    const segmentationMs = seg.timings.total;
    if (!seg.box) return diptych(requester, responder, 'no person found: side by side instead', t0, segmentationMs);
    const result = await synthesise(requester, responder, scene, face, seg);
    return { ...result, mode: 'synthesis', note: null, timings: { segmentationMs, totalMs: performance.now() - t0 } };
  }

  async function synthesise(
    requester: Uint8Array,
    responder: Uint8Array,
    scene: FaceAnalysis,
    face: AnalysedFace,
    seg: Awaited<ReturnType<FaceAnalyser['segment']>>,
  ) {
    // The same decode as face analysis (EXIF orientation, sRGB, long side capped, pixel limit), at output size.
    const scenePixels = await decodeForAnalysis(requester, maxSide, maxPixels);
    const decoded = {
      data: Buffer.from(scenePixels.data.buffer, scenePixels.data.byteOffset, scenePixels.data.byteLength),
      info: scenePixels,
    };
    const size = { width: decoded.info.width, height: decoded.info.height };
    const k = size.width / scene.width; // scene px per original px
    const sceneFaces = scene.faces.map(({ box: b }) => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k }));
    const box = personBoxOf(seg);
    const place = placePerson({
      scene: size,
      sceneFaces,
      person: {
        width: box.width,
        height: box.height,
        touchesBottom: box.y + box.height >= seg.originalHeight * (1 - EDGE_TOUCH),
        touchesLeft: box.x <= seg.originalWidth * EDGE_TOUCH,
        touchesRight: box.x + box.width >= seg.originalWidth * (1 - EDGE_TOUCH),
      },
      personFace: { x: face.box.x - box.x, y: face.box.y - box.y, width: face.box.width, height: face.box.height },
    });
    const raw = { width: size.width, height: size.height, channels: 3 as const };
    const behind = { x: place.left - place.extendLeft, y: place.top, width: box.width * place.scale, height: box.height * place.scale };
    const sceneLuma = await regionLuma(sharp(decoded.data, { raw }), size, behind);
    const cut = await buildCutOut(responder, seg, place.scale, sceneLuma, maxPixels);

    const canvasWidth = size.width + place.extendLeft + place.extendRight;
    const canvas = await widenedCanvas(decoded.data, size, place.extendLeft, place.extendRight);
    // sharp composites only layers that fit inside the canvas: clip the cut-out to it first.
    const x0 = Math.max(0, place.left);
    const y0 = Math.max(0, place.top);
    const x1 = Math.min(canvasWidth, place.left + cut.width);
    const y1 = Math.min(size.height, place.top + cut.height);
    const layers: OverlayOptions[] = [];
    if (x1 > x0 && y1 > y0) {
      const clipped = await sharp(cut.data, { raw: { width: cut.width, height: cut.height, channels: 4 } })
        .extract({ left: x0 - place.left, top: y0 - place.top, width: x1 - x0, height: y1 - y0 })
        .raw()
        .toBuffer();
      layers.push({ input: clipped, raw: { width: x1 - x0, height: y1 - y0, channels: 4 }, left: x0, top: y0 });
    }
    const bytes = await canvas.composite(layers).jpeg({ quality }).toBuffer();
    const matte = new Uint8Array(canvasWidth * size.height);
    const cw = cut.width;
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) matte[y * canvasWidth + x] = cut.data[((y - place.top) * cw + (x - place.left)) * 4 + 3];
    lastMatte = matte;
    return { bytes, width: canvasWidth, height: size.height };
  }

  return {
    compose,
    composeTraced,
    async close() {},
  };
}
