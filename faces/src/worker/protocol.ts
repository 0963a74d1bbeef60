/** Messages between the engine (main thread) and its piscina workers. */
import type { AnalysedFace, Box, FaceAnalysis, PersonSegmentation } from '../types.js';

export type WorkerTask =
  | { kind: 'analyse'; bytes: ArrayBuffer; maxSide: number; maxPixels: number }
  /** `faces` in oriented original px; `keep` = index of the person to cut out, null for everyone. */
  | { kind: 'segment'; bytes: ArrayBuffer; maxSide: number; maxPixels: number; faces: Box[]; keep: number | null }
  | { kind: 'stats' };

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
  | { kind: 'stats'; numTensors: number; rssBytes: number };
