/**
 * The shipped identity net (faces/models/README.md): a 5-point similarity alignment of each face
 * onto the ArcFace template at 112 × 112, then the vendored ONNX net on onnxruntime-node.
 *
 * Alignment: the least-squares similarity transform (rotation, uniform scale, translation; no
 * reflection) from the template's five points to the face's eye centres, nose tip and mouth
 * corners (Umeyama 1991, "Least-squares estimation of transformation parameters between two point
 * patterns", the 2-D case), applied with TensorFlow.js `image.transform` (bilinear, black outside
 * the image). The template is the one ArcFace pipelines use (InsightFace `arcface_dst`), and the
 * one the net's own package aligns to. Input: BGR, (x − 127) / 128, NCHW.
 * Every tensor made here is disposed here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { FACEPLUGIN_DIMS } from '../descriptor-layout.js';

const require = createRequire(import.meta.url);
type Ort = typeof import('onnxruntime-node');

/** The vendored model file (sha256 in faces/models/README.md). */
export const FACEPLUGIN_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/faceplugin-fr-feature.onnx');
/** Side of the aligned crop, px. */
export const ALIGNED_SIZE = 112;

/** Five points in px of the 112 px crop: right eye, left eye (the subject's), nose tip, mouth right, mouth left. */
export const ARCFACE_TEMPLATE: ReadonlyArray<readonly [number, number]> = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];

export interface FacepluginSession {
  ort: Ort;
  session: import('onnxruntime-node').InferenceSession;
  /** The graph's one input (the NCHW aligned face) and one output (the embedding), resolved at open. */
  inputName: string;
  outputName: string;
}

/** Opens the net once per worker. @throws Error when the model file is missing, or is not one input → one output. */
export async function openFaceplugin(threads: number): Promise<FacepluginSession> {
  const ort: Ort = require('onnxruntime-node');
  // No CPU memory arena: the arena keeps its peak for the worker's lifetime, and a 112 px net needs little.
  const session = await ort.InferenceSession.create(FACEPLUGIN_MODEL, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    enableCpuMemArena: false,
    graphOptimizationLevel: 'all',
  });
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  if (inputName === undefined || outputName === undefined)
    throw new Error(
      `faceplugin net: expected an input and an output, found ${session.inputNames.length} and ${session.outputNames.length}`,
    );
  return { ort, session, inputName, outputName };
}

/** x' = a·x − b·y + tx, y' = b·x + a·y + ty. */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/**
 * The least-squares similarity mapping `from` onto `to` (same length, ≥ 2 points).
 * @throws RangeError when the lengths differ or the points of `from` all coincide.
 */
export function similarityTransform(
  from: ReadonlyArray<readonly [number, number]>,
  to: ReadonlyArray<readonly [number, number]>,
): Similarity {
  const n = from.length;
  if (to.length !== n) throw new RangeError(`similarityTransform: ${n} source points but ${to.length} target points`);
  const mean = (pts: ReadonlyArray<readonly [number, number]>, k: 0 | 1) => pts.reduce((s, p) => s + p[k], 0) / n;
  const [fx, fy, tx0, ty0] = [mean(from, 0), mean(from, 1), mean(to, 0), mean(to, 1)];
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    // i < n, the length of both (checked above).
    const [xs, ys] = [from[i]![0] - fx, from[i]![1] - fy];
    const [xd, yd] = [to[i]![0] - tx0, to[i]![1] - ty0];
    dot += xs * xd + ys * yd;
    cross += xs * yd - ys * xd;
    norm += xs * xs + ys * ys;
  }
  if (norm === 0) throw new RangeError('similarityTransform: the source points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: tx0 - (a * fx - b * fy), ty: ty0 - (b * fx + a * fy) };
}

/**
 * 512-d embeddings (raw, not normalised) of faces, one net call per face (the graph's batch is fixed at 1).
 * @param image int32 [H, W, 3] RGB tensor the points refer to.
 * @param points per face, its five points in that tensor's px (order of {@link ARCFACE_TEMPLATE}).
 */
export async function facepluginEmbeddings(
  tf: any,
  net: FacepluginSession,
  image: any,
  points: Array<Array<[number, number]>>,
): Promise<Float32Array[]> {
  if (points.length === 0) return [];
  const { inputName, outputName } = net;
  const batch = tf.tidy(() => tf.expandDims(tf.cast(image, 'float32'), 0));
  try {
    const out: Float32Array[] = [];
    for (const face of points) {
      // image.transform maps each output (crop) pixel to an input pixel: template → face.
      const s = similarityTransform(ARCFACE_TEMPLATE, face);
      const input = tf.tidy(() => {
        const crop = tf.image.transform(batch, tf.tensor2d([[s.a, -s.b, s.tx, s.b, s.a, s.ty, 0, 0]]), 'bilinear', 'constant', 0, [
          ALIGNED_SIZE,
          ALIGNED_SIZE,
        ]);
        // Channels in BGR order: measured on sets A and C, BGR separates people better than RGB on
        // every figure (genuine mean 0.261 vs 0.278, closest impostor 0.749 vs 0.712, d' 6.63 vs
        // 6.43; docs/face-calibration.md), as a net trained on OpenCV-decoded (BGR) faces would.
        return tf.transpose(tf.div(tf.sub(tf.reverse(crop, 3), 127), 128), [0, 3, 1, 2]);
      });
      const data = Float32Array.from(await input.data());
      input.dispose();
      const result = await net.session.run({
        [inputName]: new net.ort.Tensor('float32', data, [1, 3, ALIGNED_SIZE, ALIGNED_SIZE]),
      });
      const embedding = result[outputName];
      if (!embedding) throw new Error(`faceplugin net: no output "${outputName}" in its result`);
      out.push(Float32Array.from((embedding.data as Float32Array).subarray(0, FACEPLUGIN_DIMS)));
      embedding.dispose?.();
    }
    return out;
  } finally {
    batch.dispose();
  }
}
