import {
  createFaceEngine,
  DEFAULT_MODEL,
  MODEL_VERSIONS,
  type Box,
  type EmbeddingModel,
  type FaceAnalysis,
  type FaceEngine,
  type PersonSegmentation,
} from '@kith/faces';
import type { Config } from '../config/config.js';

/**
 * The server's handle on the face engine (`@kith/faces`): started on first use, so a server
 * (or a test) that never analyses a face never loads the models (~1 s and ~350 MB per worker),
 * and closed with the container.
 */
export interface FaceAnalyser {
  /** False when KITH_FACE_ANALYSIS=off: nothing is analysed, reference faces are stored without descriptors. */
  readonly enabled: boolean;
  readonly model: EmbeddingModel;
  /** Version stored with every face (e.g. `fusion@2`); known without starting the engine. */
  readonly modelVersion: string;
  /**
   * Faces of one encoded image (see `FaceEngine.analyse`).
   * @throws FaceInputError `invalid_image` / `image_too_large`; Error when analysis is off.
   */
  analyse(bytes: Uint8Array): Promise<FaceAnalysis>;
  /**
   * The person under `faces[keep]` cut out by the segmentation model (see `FaceEngine.segment`),
   * in the same worker pool. Used by the group-photo compositor (issue 5).
   * @throws FaceInputError `invalid_image` / `image_too_large`; Error when analysis is off.
   */
  segment(bytes: Uint8Array, opts?: { faces: Box[]; keep: number }): Promise<PersonSegmentation>;
  close(): Promise<void>;
}

export function createFaceAnalyser(
  config: Pick<Config, 'faceAnalysis' | 'faceWorkers' | 'faceMaxSide' | 'maxImagePixels'> & { faceModel?: EmbeddingModel },
): FaceAnalyser {
  let engine: FaceEngine | undefined;
  let closed = false;
  const model = config.faceModel ?? DEFAULT_MODEL;
  const started = (): FaceEngine => {
    if (!config.faceAnalysis) throw new Error('face analysis is off (KITH_FACE_ANALYSIS=off)');
    if (closed) throw new Error('face analyser is closed');
    engine ??= createFaceEngine({ poolSize: config.faceWorkers, model, maxSide: config.faceMaxSide, maxPixels: config.maxImagePixels });
    return engine;
  };
  return {
    enabled: config.faceAnalysis,
    model,
    modelVersion: MODEL_VERSIONS[model],
    analyse(bytes) {
      return started().analyse(bytes);
    },
    segment(bytes, opts) {
      return started().segment(bytes, opts);
    },
    async close() {
      closed = true;
      await engine?.close();
      engine = undefined;
    },
  };
}
