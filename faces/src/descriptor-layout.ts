/**
 * How a stored descriptor is laid out per model, and its byte encoding.
 *
 * - `faceplugin`: the vendored ONNX recognition net (faces/models/README.md) on a 5-point-aligned
 *   112 px crop, 512 floats, L2-normalised here; compared by cosine distance.
 * - `faceres`: Human's faceres, 1024 floats, L2-normalised here; compared by cosine distance.
 * - `faceapi`: face-api's recognition net, 128 floats as the net gives them; euclidean distance.
 * - `fusion`: the two concatenated, faceres first (1024 + 128 = 1152 floats).
 * The version string is stored with every face so that a model or layout change is detected
 * and the library re-indexed rather than compared across models.
 */
import type { EmbeddingModel } from './types.js';

export const FACERES_DIMS = 1024;
export const FACEAPI_DIMS = 128;
export const FACEPLUGIN_DIMS = 512;

/** Bump a version when its model, preprocessing or layout changes. */
export const MODEL_VERSIONS: Record<EmbeddingModel, string> = {
  faceplugin: 'faceplugin@2',
  faceres: 'faceres@2',
  faceapi: 'faceapi@2',
  fusion: 'fusion@2',
};

export const DESCRIPTOR_DIMS: Record<EmbeddingModel, number> = {
  faceplugin: FACEPLUGIN_DIMS,
  faceres: FACERES_DIMS,
  faceapi: FACEAPI_DIMS,
  fusion: FACERES_DIMS + FACEAPI_DIMS,
};

function l2normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return v.map((x) => x / norm);
}

/** The raw outputs of the identity nets for one face; which ones a model needs is given by its layout. */
export interface DescriptorParts {
  faceplugin?: Float32Array;
  faceres?: Float32Array;
  faceapi?: Float32Array;
}

/**
 * Builds the stored descriptor of `model` from its parts.
 * @throws Error when a part the model needs is missing or has the wrong length.
 */
export function composeDescriptor(model: EmbeddingModel, parts: DescriptorParts): Float32Array {
  const need = (part: Float32Array | undefined, dims: number, name: string) => {
    if (!part || part.length !== dims) throw new Error(`${name} descriptor must have ${dims} values, got ${part?.length ?? 0}`);
    return part;
  };
  if (model === 'faceplugin') return l2normalise(need(parts.faceplugin, FACEPLUGIN_DIMS, 'faceplugin'));
  if (model === 'faceres') return l2normalise(need(parts.faceres, FACERES_DIMS, 'faceres'));
  if (model === 'faceapi') return Float32Array.from(need(parts.faceapi, FACEAPI_DIMS, 'faceapi'));
  const out = new Float32Array(FACERES_DIMS + FACEAPI_DIMS);
  out.set(l2normalise(need(parts.faceres, FACERES_DIMS, 'faceres')), 0);
  out.set(need(parts.faceapi, FACEAPI_DIMS, 'faceapi'), FACERES_DIMS);
  return out;
}

/** The parts of a stored descriptor (views, no copy). */
export function splitDescriptor(model: EmbeddingModel, d: Float32Array): DescriptorParts {
  if (model === 'faceplugin') return { faceplugin: d };
  if (model === 'faceres') return { faceres: d };
  if (model === 'faceapi') return { faceapi: d };
  return { faceres: d.subarray(0, FACERES_DIMS), faceapi: d.subarray(FACERES_DIMS) };
}

/** Which nets a model runs. */
export function partsOf(model: EmbeddingModel): { faceplugin: boolean; faceres: boolean; faceapi: boolean } {
  return {
    faceplugin: model === 'faceplugin',
    faceres: model === 'faceres' || model === 'fusion',
    faceapi: model === 'faceapi' || model === 'fusion',
  };
}

/** Float32 little-endian bytes, for a database blob. */
export function descriptorToBytes(d: Float32Array): Buffer {
  const out = Buffer.alloc(d.length * 4);
  for (let i = 0; i < d.length; i++) out.writeFloatLE(d[i]!, i * 4); // i < d.length
  return out;
}

/** Inverse of {@link descriptorToBytes}. @throws Error when the byte length is not a multiple of 4. */
export function descriptorFromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`descriptor blob of ${bytes.byteLength} bytes is not float32`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
