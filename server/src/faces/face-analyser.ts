import { createFaceEngine, DEFAULT_MODEL, MODEL_VERSIONS, type EmbeddingModel, type FaceAnalysis, type FaceEngine } from '@kith/faces';
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
  /** Version stored with every face (e.g. `fusion@1`); known without starting the engine. */
  readonly modelVersion: string;
  /**
   * Faces of one encoded image (see `FaceEngine.analyse`).
   * @throws FaceInputError `invalid_image` / `image_too_large`; Error when analysis is off.
   */
  analyse(bytes: Uint8Array): Promise<FaceAnalysis>;
  close(): Promise<void>;
}

export function createFaceAnalyser(
  config: Pick<Config, 'faceAnalysis' | 'faceWorkers' | 'faceMaxSide' | 'maxImagePixels'> & { faceModel?: EmbeddingModel },
): FaceAnalyser {
  let engine: FaceEngine | undefined;
  let closed = false;
  const model = config.faceModel ?? DEFAULT_MODEL;
  return {
    enabled: config.faceAnalysis,
    model,
    modelVersion: MODEL_VERSIONS[model],
    analyse(bytes) {
      if (!config.faceAnalysis) throw new Error('face analysis is off (KITH_FACE_ANALYSIS=off)');
      if (closed) throw new Error('face analyser is closed');
      engine ??= createFaceEngine({ poolSize: config.faceWorkers, model, maxSide: config.faceMaxSide, maxPixels: config.maxImagePixels });
      return engine.analyse(bytes);
    },
    async close() {
      closed = true;
      await engine?.close();
      engine = undefined;
    },
  };
}
