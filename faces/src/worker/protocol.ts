/** Messages between the engine (main thread) and its piscina workers. */
import type { AnalysedFace, EmbeddingModel, StageTimings } from '../types.js';

export type WorkerTask = { kind: 'analyse'; bytes: ArrayBuffer; maxSide: number; maxPixels: number } | { kind: 'stats' };

export type WorkerReply =
  | {
      kind: 'analysis';
      width: number;
      height: number;
      analysedWidth: number;
      analysedHeight: number;
      model: EmbeddingModel;
      modelVersion: string;
      faces: Omit<AnalysedFace, 'descriptor'>[];
      /** All descriptors packed, `dims` floats each, in face order (transferred, not copied). */
      descriptors: Float32Array;
      dims: number;
      timings: StageTimings;
    }
  | { kind: 'error'; code: 'invalid_image' | 'image_too_large'; message: string }
  | { kind: 'stats'; numTensors: number; rssBytes: number };
