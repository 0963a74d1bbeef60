/** Messages between the engine (main thread) and its piscina workers. */
import type { AnalysedFace, Box, FaceAnalysis, PersonSegmentation } from '../types.js';

export type WorkerTask =
  | { kind: 'analyse'; bytes: ArrayBuffer; maxSide: number; maxPixels: number }
  /** `faces` in oriented original px; `keep` = index of the person to cut out, null for everyone. */
  | { kind: 'segment'; bytes: ArrayBuffer; maxSide: number; maxPixels: number; faces: Box[]; keep: number | null }
  /** `gc`: collect garbage first (leak checks compare live memory, not garbage not yet collected). */
  | { kind: 'stats'; gc?: boolean };

export type WorkerReply =
  | (Omit<FaceAnalysis, 'faces'> & {
      kind: 'analysis';
      faces: Omit<AnalysedFace, 'descriptor'>[];
      /** All descriptors packed, `dims` floats each, in face order (transferred, not copied). */
      descriptors: Float32Array;
      dims: number;
    })
  | ({ kind: 'segmentation' } & PersonSegmentation)
  | { kind: 'error'; code: 'invalid_image' | 'image_too_large'; message: string }
  | ({ kind: 'stats' } & WorkerMemory);

/**
 * One worker thread's memory, for leak checks. `rssBytes` is the whole process's (threads share
 * it); the others are this thread's own: V8 heap, off-heap `external`/`arrayBuffers` (Buffers,
 * typed arrays), the TensorFlow.js WASM heap (a WebAssembly memory only ever grows) and the
 * tensors tfjs still tracks. All bytes.
 */
export interface WorkerMemory {
  numTensors: number;
  tensorBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  wasmHeapBytes: number;
  /** XNNPACK threads of this worker's WASM engine (1 unless the engine was made with `threadsPerWorker`). */
  wasmThreads: number;
  /** Tasks this worker has run since it started. */
  tasks: number;
}
