/**
 * Synthesis mode: the requester's photo is the scene, the responder's person is cut out and stands
 * beside the requester's people, as if everyone had been photographed together (the model is
 * Google Pixel's "Add Me": people from two shots in one natural frame).
 *
 * Pipeline: face analysis of both photos (face engine worker pool) → segmentation of the responder,
 * keeping only the person of the largest face, and of the whole scene (same pool, MediaPipe Selfie)
 * → size by face heights, place beside the scene's people on their floor line, never widening the
 * canvas (placement.ts) → a clean matte, opaque inside and soft only at the edge (matte.ts,
 * guided-filter.ts) → colour match in Lab (colour-match.ts) → composite on raw pixels with a light
 * wrap at the outline → JPEG without metadata.
 * Anything that makes a group photo impossible (no face in either photo, no person under the face,
 * face analysis off) gives the two photos side by side instead (diptych.ts), with a note saying why.
 *
 * Seed: image-exchange-and-synthesis (Changhong), abstract: "can realize group photos of users in
 * different places at the same time"; step 101 "image synthesis exchange relationship".
 */
import sharp from 'sharp';
import { decodeForAnalysis, type AnalysedFace } from '@kith/faces';
import type { FaceAnalyser } from '../../faces/face-analyser.js';
import type { ComposedPhoto, ExchangeComposer } from '../composer-port.js';
import { labStats, matchColours } from './colour-match.js';
import { buildCutOut, extendToFrame, fadeSide, opaqueInset, personBoxOf, personMaskOf, straightSides } from './cut-out.js';
import { composeDiptych } from './diptych.js';
import { boxMean } from './guided-filter.js';
import { placePerson, type Placement } from './placement.js';
import { maskOf, resizeMask } from './scene-people.js';

/** What a composite was made of, for figures and tests: the pasted person's effective alpha on the output canvas. */
export interface CompositeTrace {
  /** 0..255 per output pixel (row-major, the result's size): how much of the pixel is the newcomer. */
  matte: Uint8Array;
  placement: Placement;
  /** Face height of the newcomer and of their neighbour in the result, px. */
  faceHeights: { newcomer: number; neighbour: number };
}

export interface GroupPhotoComposer extends ExchangeComposer {
  /** `compose`, plus the trace of a synthesis (null for a diptych). */
  composeTraced(requester: Uint8Array, responder: Uint8Array): Promise<{ photo: ComposedPhoto; trace: CompositeTrace | null }>;
  /** Nothing of its own to release (the face analyser belongs to the container); kept for the contract. */
  close(): Promise<void>;
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
/** Light wrap radius as a share of the cut-out's height, and its strength at the very edge. */
const WRAP_RADIUS = 0.006;
const WRAP_STRENGTH = 0.45;

/**
 * Light wrap (a compositing staple): the scene's light spills a little over the newcomer's outline,
 * as it does over a real subject's, so the edge takes the colours on both sides of it. Per pixel
 * of the rect: the scene blurred over `radius` px, and a weight that is WRAP_STRENGTH at the edge and
 * falls to 0 a radius inside (1 − the blurred matte).
 */
function lightWrap(
  rgb: Uint8Array,
  W: number,
  cut: { data: Uint8Array; width: number },
  left: number,
  top: number,
  rect: { x0: number; y0: number; x1: number; y1: number },
  radius: number,
): { light: Float32Array; weight: Float32Array } {
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  const alpha = new Float32Array(rw * rh);
  const chans = [0, 1, 2].map(() => new Float32Array(rw * rh));
  for (let y = 0; y < rh; y++)
    for (let x = 0; x < rw; x++) {
      const r = y * rw + x;
      alpha[r] = cut.data[((y + rect.y0 - top) * cut.width + (x + rect.x0 - left)) * 4 + 3] / 255;
      const j = ((y + rect.y0) * W + x + rect.x0) * 3;
      for (let c = 0; c < 3; c++) chans[c][r] = rgb[j + c];
    }
  const blurred = boxMean(alpha, rw, rh, radius);
  const bg = chans.map((ch) => boxMean(ch, rw, rh, radius));
  const light = new Float32Array(rw * rh * 3);
  const weight = new Float32Array(rw * rh);
  for (let r = 0; r < rw * rh; r++) {
    // Full strength up to half a radius inside the outline, none a radius inside.
    weight[r] = WRAP_STRENGTH * Math.min(1, 2 * Math.max(0, 1 - blurred[r]));
    for (let c = 0; c < 3; c++) light[r * 3 + c] = bg[c][r];
  }
  return { light, weight };
}

/** A straight side split from a neighbour, standing in the open, fades out over this many face widths. */
const SPLIT_BAND = 0.06;

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
    const photo: ComposedPhoto = { ...d, mode: 'diptych', note, timings: { segmentationMs, totalMs: performance.now() - t0 } };
    return { photo, trace: null };
  }

  async function composeTraced(requester: Uint8Array, responder: Uint8Array) {
    const t0 = performance.now();
    if (!faceAnalyser.enabled) return diptych(requester, responder, 'face analysis is off on this server: side by side instead', t0);
    const [scene, other] = await Promise.all([faceAnalyser.analyse(requester), faceAnalyser.analyse(responder)]);
    if (other.faces.length === 0) return diptych(requester, responder, "no face found in the responder's photo: side by side instead", t0);
    if (scene.faces.length === 0) return diptych(requester, responder, "no face found in the requester's photo: side by side instead", t0);
    const face = largest(other.faces);
    const [seg, sceneSeg] = await Promise.all([
      faceAnalyser.segment(responder, { faces: other.faces.map((f) => f.box), keep: other.faces.indexOf(face) }),
      faceAnalyser.segment(requester),
    ]);
    const segmentationMs = seg.timings.total + sceneSeg.timings.total;
    if (!seg.box) return diptych(requester, responder, 'no person found: side by side instead', t0, segmentationMs);
    const made = await synthesise(requester, responder, scene.width, scene.faces, face, seg, sceneSeg).catch((err: unknown) => {
      if (err instanceof RangeError) return null;
      throw err;
    });
    if (!made)
      return diptych(requester, responder, "no room for a face in the requester's photo: side by side instead", t0, segmentationMs);
    const { bytes, width, height, trace } = made;
    const photo: ComposedPhoto = {
      bytes,
      width,
      height,
      mode: 'synthesis',
      note: null,
      timings: { segmentationMs, totalMs: performance.now() - t0 },
    };
    return { photo, trace };
  }

  async function synthesise(
    requester: Uint8Array,
    responder: Uint8Array,
    sceneOriginalWidth: number,
    sceneFacesOriginal: AnalysedFace[],
    face: AnalysedFace,
    seg: Awaited<ReturnType<FaceAnalyser['segment']>>,
    sceneSeg: Awaited<ReturnType<FaceAnalyser['segment']>>,
  ) {
    // The same decode as face analysis (EXIF orientation, sRGB, long side capped, pixel limit), at output size.
    const decoded = await decodeForAnalysis(requester, maxSide, maxPixels);
    const W = decoded.width;
    const H = decoded.height;
    const k = W / sceneOriginalWidth; // scene px per original px
    const sceneFaces = sceneFacesOriginal.map(({ box: b }) => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k }));
    const box = personBoxOf(seg);
    const scenePeople = maskOf(sceneSeg);
    const personMask = personMaskOf(seg);
    const straight = straightSides(personMask);
    const inMask = opaqueInset(personMask);
    const toBox = box.width / personMask.width; // original px per mask px
    const touches = {
      left: box.x <= seg.originalWidth * EDGE_TOUCH,
      right: box.x + box.width >= seg.originalWidth * (1 - EDGE_TOUCH),
      bottom: box.y + box.height >= seg.originalHeight * (1 - EDGE_TOUCH),
    };
    const place = placePerson({
      scene: { width: W, height: H },
      sceneFaces,
      scenePeople,
      person: {
        width: box.width,
        height: box.height,
        touchesBottom: touches.bottom,
        cutLeft: straight.left || touches.left,
        cutRight: straight.right || touches.right,
        inset: { left: inMask.left * toBox, right: inMask.right * toBox },
      },
      personMask,
      personFace: { x: face.box.x - box.x, y: face.box.y - box.y, width: face.box.width, height: face.box.height },
    });
    const [cut, people] = await Promise.all([buildCutOut(responder, seg, place.scale, maxPixels), resizeMask(scenePeople, W, H)]);
    const rgb = decoded.data;
    extendToFrame(cut, touches);
    // A side split off from a neighbour of theirs (not their photo's edge), unless it lies on the scene's frame.
    const band = Math.round(SPLIT_BAND * face.box.width * place.scale);
    const onLeft = place.left + inMask.left * toBox * place.scale <= 2;
    const onRight = place.left + cut.width - inMask.right * toBox * place.scale >= W - 2;
    if (straight.left && !touches.left && !onLeft) fadeSide(cut, 'left', band);
    if (straight.right && !touches.right && !onRight) fadeSide(cut, 'right', band);

    // Colour: the newcomer towards the scene's people (same kind of subject, same light), else the whole scene.
    const alpha = new Uint8Array(cut.width * cut.height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = cut.data[i * 4 + 3];
    const target = labStats(rgb, 3, people.data, 5) ?? labStats(rgb, 3, null, 5);
    const own = labStats(cut.data, 4, alpha, 3);
    if (target && own) matchColours(cut.data, own, target);

    // The part of the cut-out on the scene (the rest falls outside the frame).
    const x0 = Math.max(0, place.left);
    const y0 = Math.max(0, place.top);
    const x1 = Math.min(W, place.left + cut.width);
    const y1 = Math.min(H, place.top + cut.height);
    const out = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
    const matte = new Uint8Array(W * H);
    if (x1 > x0 && y1 > y0) {
      const rw = x1 - x0;
      const rh = y1 - y0;
      const wrap = lightWrap(rgb, W, cut, place.left, place.top, { x0, y0, x1, y1 }, Math.max(2, Math.round(cut.height * WRAP_RADIUS)));
      for (let y = 0; y < rh; y++) {
        for (let x = 0; x < rw; x++) {
          const r = y * rw + x;
          const c = ((y + y0 - place.top) * cut.width + (x + x0 - place.left)) * 4;
          const a = cut.data[c + 3] / 255;
          if (a <= 0) continue;
          const i = (y + y0) * W + x + x0;
          matte[i] = Math.round(a * 255);
          const j = i * 3;
          const w = wrap.weight[r];
          for (let ch = 0; ch < 3; ch++) {
            const p = cut.data[c + ch] + w * (wrap.light[r * 3 + ch] - cut.data[c + ch]);
            out[j + ch] = out[j + ch] + a * (p - out[j + ch]) + 0.5;
          }
        }
      }
    }
    const bytes = await sharp(out, { raw: { width: W, height: H, channels: 3 } })
      .jpeg({ quality })
      .toBuffer();
    const trace: CompositeTrace = {
      matte,
      placement: place,
      faceHeights: { newcomer: face.box.height * place.scale, neighbour: place.neighbour.height },
    };
    return { bytes, width: W, height: H, trace };
  }

  return {
    async compose(requester, responder) {
      return (await composeTraced(requester, responder)).photo;
    },
    composeTraced,
    async close() {},
  };
}
