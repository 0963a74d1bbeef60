/**
 * The two identity descriptors of the faces Human found, inside a worker: faceres (Human's
 * 1024-d net) and face-api's 68-point landmarks + 128-d recognition net.
 *
 * Batches are cut into chunks: the TensorFlow.js WASM heap grows to the largest batch it ever ran
 * and never shrinks, and each worker keeps that memory for its lifetime. Measured on one worker
 * (bench/README.md, memory trials): face-api's net on 10 crops (5 faces and their mirrors) took
 * the heap from 182 to 314 MB, on 4 crops to 218 MB; per crop, batches of 4 and 8 cost the same
 * CPU (60 ms) and a batch of 2 ~8% more.
 * Every tensor made here is disposed here.
 */
import type { Box } from '../types.js';
import { FACERES_DIMS } from '../descriptor-layout.js';
import type { Runtime } from './tfjs-runtime.js';
import type { Box as HumanBox } from '@vladmandic/human';

/** Faces per faceres call (224 × 224 each). */
export const FACERES_CHUNK = 2;
/** Faces per face-api recognition call; each face goes in with its mirror, so twice as many crops. */
export const RECOGNITION_CHUNK = 2;

/**
 * Faces turned less than this (|yaw|, degrees) skip the mirror pass. 0: every face is mirrored.
 * Measured at 15° (bench/README.md): held-out accuracy unchanged (92.1%) but TAR at FAR 0.1%
 * 93.8% → 91.0% on sets A + C, so the mirror stays on for every face.
 */
export const MIRROR_MIN_YAW_DEG = 0;

type MeshPoint = [number, number, number?];
type HumanFace = any;

/** `fn` over consecutive slices of at most `size` items, results concatenated in order. */
async function inChunks<T, R>(items: T[], size: number, fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

/**
 * The box face-api's landmark net expects. Human's box is a padded square; face-api was trained
 * on its SSD's tighter boxes, which the bounding box of the face mesh matches closely
 * (measured: Biden's fixture pair went from 0.69 to under 0.4 euclidean with it).
 */
export function faceapiBoxOf(f: HumanFace): Box {
  const mesh: MeshPoint[] = f.mesh ?? [];
  if (mesh.length >= 468) {
    const xs = mesh.map((p) => p[0]);
    const ys = mesh.map((p) => p[1]);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  }
  const [x, y, w, h] = f.box as HumanBox;
  return { x: x + w * 0.2, y: y + h * 0.15, width: w * 0.6, height: h * 0.75 };
}

/** 128-d face-api descriptors of the faces in `detections` (face-api objects), mirror-averaged. */
async function recognise(rt: Runtime, image: unknown, aligned: { rect: unknown; mirror: boolean }[]): Promise<Float32Array[]> {
  const fa = rt.faceapi;
  const faces: unknown[] = await fa.extractFaceTensors(
    image,
    aligned.map((a) => a.rect),
  );
  // Mirror test-time augmentation: the mean of the face and its mirror image is steadier under
  // pose (docs/face-calibration.md). Faces and mirrors go through the net as one batch.
  // face-api cuts one crop per rect, in order; a crop without its rect would go unmirrored.
  const mirror = (i: number) => aligned[i]?.mirror ?? false;
  const mirrored: unknown[] = faces.flatMap((face, i) => (mirror(i) ? [rt.tf.reverse(face, 1)] : []));
  try {
    const result = await fa.nets.faceRecognitionNet.computeFaceDescriptor([...faces, ...mirrored]);
    const descriptors: Float32Array[] = Array.isArray(result) ? result : [result];
    if (descriptors.length !== faces.length + mirrored.length)
      throw new Error(`face-api gave ${descriptors.length} descriptors for ${faces.length + mirrored.length} crops`);
    let next = faces.length;
    // Indices below: i < faces.length and next < faces.length + mirrored.length, the descriptors'
    // length (checked above); k < d.length, the length of every 128-d descriptor.
    return faces.map((_, i) => {
      const d = Float32Array.from(descriptors[i]!);
      if (!mirror(i)) return d;
      const m = descriptors[next++]!;
      for (let k = 0; k < d.length; k++) d[k] = (d[k]! + m[k]!) / 2;
      return d;
    });
  } finally {
    rt.tf.dispose([...faces, ...mirrored]);
  }
}

/** 128-d face-api descriptors for boxes found by Human (analysis px). */
export async function faceapiDescriptors(
  rt: Runtime,
  image: unknown,
  input: { width: number; height: number },
  boxes: Box[],
  yawsDeg: number[] = [],
): Promise<{ descriptors: Float32Array[]; landmarksMs: number }> {
  // face-api refuses an empty batch; no face, nothing to describe.
  if (boxes.length === 0) return { descriptors: [], landmarksMs: 0 };
  const t0 = performance.now();
  const fa = rt.faceapi;
  const dims = { width: input.width, height: input.height };
  const detections = boxes.map(
    (b) =>
      new fa.FaceDetection(1, new fa.Rect(b.x / input.width, b.y / input.height, b.width / input.width, b.height / input.height), dims),
  );
  const crops: unknown[] = await fa.extractFaceTensors(image, detections);
  let landmarks: unknown[];
  try {
    // One batched forward pass for all faces (112 px crops: a small net, a small heap).
    const batch = await fa.nets.faceLandmark68Net.detectLandmarks(crops);
    landmarks = Array.isArray(batch) ? batch : [batch];
  } finally {
    rt.tf.dispose(crops);
  }
  // face-api's own alignment: a box fitted to the 68 landmarks, as in its detectAllFaces pipeline.
  const aligned = detections.map((d, i) => ({
    rect: fa.extendWithFaceLandmarks(fa.extendWithFaceDetection({}, d), landmarks[i]).alignedRect,
    mirror: Math.abs(yawsDeg[i] ?? 90) >= MIRROR_MIN_YAW_DEG,
  }));
  const landmarksMs = performance.now() - t0;
  const descriptors = await inChunks(aligned, RECOGNITION_CHUNK, (chunk) => recognise(rt, image, chunk));
  return { descriptors, landmarksMs };
}

/**
 * faceres descriptors (1024-d, raw): Human's own preprocessing (its aligned face crop, resized
 * to 224 px, 0..255), {@link FACERES_CHUNK} faces per model call.
 */
export async function faceresDescriptors(rt: Runtime, crops: unknown[]): Promise<Float32Array[]> {
  if (crops.length === 0 || !rt.faceres) return [];
  const { tf } = rt;
  const [, h, w] = rt.faceres.inputs[0].shape as number[];
  return inChunks(crops, FACERES_CHUNK, async (chunk) => {
    const batch = tf.tidy(() => tf.mul(tf.stack(chunk.map((c) => tf.image.resizeBilinear(c, [h, w], false))), 255));
    const outputs = rt.faceres.execute(batch) as { shape: number[]; data(): Promise<Float32Array> }[];
    try {
      const descriptor = outputs.find((t) => t.shape[1] === FACERES_DIMS)!;
      const flat = await descriptor.data();
      return chunk.map((_, i) => flat.slice(i * FACERES_DIMS, (i + 1) * FACERES_DIMS));
    } finally {
      tf.dispose([batch, ...outputs]);
    }
  });
}
