/**
 * One image through the models, inside a worker: Human (blazeface + facemesh, optionally
 * faceres) finds faces and organ positions; the model's identity nets describe them: the
 * ONNX net on a 5-point-aligned crop (`faceplugin`), or faceres and face-api's 68-point
 * landmarks and 128-d recognition net (`fusion` and its parts).
 * Every tensor made here is disposed here: the pool runs for days.
 */
import { laplacianVariance, qualityScore } from '../quality.js';
import type { AnalysedFace, Box, EmbeddingModel, FaceLandmarks, Point } from '../types.js';
import { FACEAPI_DIMS, FACEPLUGIN_DIMS, FACERES_DIMS, composeDescriptor, partsOf } from '../descriptor-layout.js';
import { faceapiBoxOf, faceapiDescriptors, faceresDescriptors } from './face-descriptors.js';
import { facepluginEmbeddings } from './faceplugin-net.js';
import type { Runtime } from './tfjs-runtime.js';
import type { Box as HumanBox } from '@vladmandic/human';

/** Raw RGB pixels at analysis size, and the factor back to the oriented original. */
export interface AnalysisInput {
  data: Uint8Array;
  width: number;
  height: number;
  /** original px = analysed px × scale */
  scale: number;
  originalWidth: number;
  originalHeight: number;
}

// facemesh indices (MediaPipe canonical mesh): eyes' outer corners, mouth corners, nose tip.
const MESH = { rightEyeOuter: 33, leftEyeOuter: 263, mouthRight: 61, mouthLeft: 291, noseTip: 1 } as const;
const RIGHT_EYE_RING = [33, 133, 159, 145];
const LEFT_EYE_RING = [263, 362, 386, 374];

type MeshPoint = [number, number, number?];

type HumanFace = any;

const toDeg = (rad: number) => Math.round((rad * 1800) / Math.PI) / 10;

function landmarksOf(mesh: MeshPoint[], box: Box, scale: number): FaceLandmarks {
  if (mesh.length >= 468) {
    // Every index of MESH and the eye rings is below 468, the points of a full mesh.
    const p = (i: number): Point => ({ x: mesh[i]![0] * scale, y: mesh[i]![1] * scale });
    const mean = (ids: number[]): Point => ({
      x: (ids.reduce((s, i) => s + mesh[i]![0], 0) / ids.length) * scale,
      y: (ids.reduce((s, i) => s + mesh[i]![1], 0) / ids.length) * scale,
    });
    return {
      rightEye: mean(RIGHT_EYE_RING),
      leftEye: mean(LEFT_EYE_RING),
      rightEyeOuter: p(MESH.rightEyeOuter),
      leftEyeOuter: p(MESH.leftEyeOuter),
      noseTip: p(MESH.noseTip),
      mouthRight: p(MESH.mouthRight),
      mouthLeft: p(MESH.mouthLeft),
    };
  }
  // No mesh (a face at the edge of the frame): proportions of a frontal face in its box.
  const at = (fx: number, fy: number): Point => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  return {
    rightEye: at(0.32, 0.4),
    leftEye: at(0.68, 0.4),
    rightEyeOuter: at(0.22, 0.4),
    leftEyeOuter: at(0.78, 0.4),
    noseTip: at(0.5, 0.6),
    mouthRight: at(0.36, 0.78),
    mouthLeft: at(0.64, 0.78),
  };
}

/**
 * The five alignment points of a face in the px of the tensor Human saw, in the order of the
 * ArcFace template: the subject's right eye centre, left eye centre, nose tip, right and left
 * mouth corners (from the mesh; from the box's frontal proportions when there is no mesh).
 */
export function alignmentPoints(f: HumanFace): Array<[number, number]> {
  const mesh: MeshPoint[] = f.mesh ?? [];
  if (mesh.length >= 468) {
    const at = (p: Point): [number, number] => [p.x, p.y];
    const l = landmarksOf(mesh, { x: 0, y: 0, width: 0, height: 0 }, 1);
    return [at(l.rightEye), at(l.leftEye), at(l.noseTip), at(l.mouthRight), at(l.mouthLeft)];
  }
  const [x, y, w, h] = f.box as HumanBox;
  const at = (fx: number, fy: number): [number, number] => [x + w * fx, y + h * fy];
  return [at(0.32, 0.4), at(0.68, 0.4), at(0.5, 0.6), at(0.36, 0.78), at(0.64, 0.78)];
}

/** Images whose long side is at most this many px are padded before detection (see padSmall). */
export const PAD_BELOW_PX = 400;

/**
 * A small image whose face fills the frame (a 150 px face crop, a cropped avatar) gets a
 * mid-grey border of half its long side each way: blazeface, trained on faces that do not touch
 * the frame, then finds one face instead of several overlapping boxes (measured on set C's
 * 150 px crops: 9 of 46 photos gave 2–3 boxes of one face, docs/face-calibration.md).
 * @returns the input itself, or a padded copy and the offset (analysis px) of the original in it.
 */
export function padSmall(input: AnalysisInput): { data: Uint8Array; width: number; height: number; dx: number; dy: number } {
  const long = Math.max(input.width, input.height);
  if (long > PAD_BELOW_PX) return { data: input.data, width: input.width, height: input.height, dx: 0, dy: 0 };
  const pad = Math.round(long / 2);
  const width = input.width + 2 * pad;
  const height = input.height + 2 * pad;
  const data = new Uint8Array(width * height * 3).fill(128);
  for (let y = 0; y < input.height; y++)
    data.set(input.data.subarray(y * input.width * 3, (y + 1) * input.width * 3), ((y + pad) * width + pad) * 3);
  return { data, width, height, dx: pad, dy: pad };
}

/** A box cut to the image (a box reaching into the padding of {@link padSmall} stops at the edge). */
function clampBox(x: number, y: number, w: number, h: number, img: { width: number; height: number }): Box {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  return { x: x0, y: y0, width: Math.max(1, Math.min(img.width, x + w) - x0), height: Math.max(1, Math.min(img.height, y + h) - y0) };
}

/**
 * Drops a face whose box lies mostly (over half its area) inside a face with a better detector
 * score: one face seen twice, never two people (two heads do not overlap that much).
 */
export function dropDuplicates<T extends { box: HumanBox; score?: number; boxScore?: number }>(faces: T[]): T[] {
  const score = (f: T) => f.boxScore ?? f.score ?? 0;
  const ranked = [...faces].sort((a, b) => score(b) - score(a));
  const kept: T[] = [];
  for (const f of ranked) {
    const [x, y, w, h] = f.box;
    const inside = kept.some(({ box: [kx, ky, kw, kh] }) => {
      const ix = Math.max(0, Math.min(x + w, kx + kw) - Math.max(x, kx));
      const iy = Math.max(0, Math.min(y + h, ky + kh) - Math.max(y, ky));
      return ix * iy > 0.5 * Math.min(w * h, kw * kh);
    });
    if (!inside) kept.push(f);
  }
  return faces.filter((f) => kept.includes(f));
}

/**
 * Finds and describes every face of one image.
 * @returns faces in original-image px (boxes, landmarks) and per-stage timings in ms.
 */
export async function analyseImage(rt: Runtime, input: AnalysisInput, model: EmbeddingModel) {
  const { tf, human } = rt;
  const padded = padSmall(input);
  const image = tf.tensor3d(padded.data, [padded.height, padded.width, 3], 'int32');
  try {
    const t0 = performance.now();
    const result = await human.detect(image);
    const found: HumanFace[] = dropDuplicates(result.face.filter((f: HumanFace) => f.box[2] >= 8 && f.box[3] >= 8));
    const nets = partsOf(model);
    let faceres: Float32Array[] = [];
    try {
      if (nets.faceres)
        faceres = await faceresDescriptors(
          rt,
          found.map((f) => f.tensor),
        );
    } finally {
      // Human hands each face its crop when asked (returnCrops); every one is disposed here.
      tf.dispose(result.face.map((f: HumanFace) => f.tensor).filter(Boolean));
    }
    const t1 = performance.now();
    // Boxes and mesh points come in padded px; the rest of the pipeline works in analysis px.
    const { dx, dy } = padded;
    const { descriptors: faceapi, landmarksMs } = nets.faceapi
      ? await faceapiDescriptors(
          rt,
          image,
          padded,
          found.map(faceapiBoxOf),
          found.map((f: HumanFace) => toDeg(f.rotation?.angle?.yaw ?? 0)),
        )
      : { descriptors: [], landmarksMs: 0 };
    const faceplugin =
      nets.faceplugin && rt.faceplugin ? await facepluginEmbeddings(tf, rt.faceplugin, image, found.map(alignmentPoints)) : [];
    const t2 = performance.now();

    const faces: AnalysedFace[] = found.map((f: HumanFace, i: number) => {
      const [fx, fy, fw, fh] = f.box as HumanBox;
      const b = clampBox(fx - dx, fy - dy, fw, fh, input);
      const s = input.scale;
      const box = { x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s };
      const mesh: MeshPoint[] = (f.mesh ?? []).map((p: MeshPoint) => [p[0] - dx, p[1] - dy]);
      const landmarks = landmarksOf(mesh, box, s);
      const eyeDistancePx = Math.hypot(
        landmarks.leftEyeOuter.x - landmarks.rightEyeOuter.x,
        landmarks.leftEyeOuter.y - landmarks.rightEyeOuter.y,
      );
      const sharpness = laplacianVariance(input.data, input.width, input.height, 3, b);
      const angle = f.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
      const [yaw, pitch, roll] = [toDeg(angle.yaw), toDeg(angle.pitch), toDeg(angle.roll)];
      return {
        box,
        boxNorm: {
          x: box.x / input.originalWidth,
          y: box.y / input.originalHeight,
          width: box.width / input.originalWidth,
          height: box.height / input.originalHeight,
        },
        score: Math.round((f.boxScore ?? f.score) * 1000) / 1000,
        landmarks,
        quality: {
          eyeDistancePx: Math.round(eyeDistancePx * 10) / 10,
          sharpness: Math.round(sharpness),
          yaw,
          pitch,
          roll,
          score: qualityScore(eyeDistancePx, sharpness, yaw, pitch),
        },
        // A net that gave nothing for a face (no crop) leaves zeros: such a face matches no one.
        descriptor: composeDescriptor(model, {
          faceplugin: nets.faceplugin ? (faceplugin[i] ?? new Float32Array(FACEPLUGIN_DIMS)) : undefined,
          faceres: nets.faceres ? (faceres[i] ?? new Float32Array(FACERES_DIMS)) : undefined,
          faceapi: nets.faceapi ? (faceapi[i] ?? new Float32Array(FACEAPI_DIMS)) : undefined,
        }),
      };
    });
    return { faces, detectMs: t1 - t0, landmarksMs, descriptorMs: t2 - t1 - landmarksMs };
  } finally {
    image.dispose();
  }
}
