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
import crypto from 'node:crypto';
import type { Config } from '../config/config.js';

/** Kept analyses: enough for a burst of inbox packets (20 pictures each), gone if never stored. */
const KEEP_MAX = 64;
const KEEP_MS = 10 * 60_000;

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
   * Faces of one encoded image (see `FaceEngine.analyse`). With `keep`, the analysis is also kept
   * (keyed by the bytes' SHA-256, a few minutes, a few dozen at most) for {@link FaceAnalyser.takeKept}:
   * the inbox check's analysis of the very still that is then stored.
   * @throws FaceInputError `invalid_image` / `image_too_large`; Error when analysis is off.
   */
  analyse(bytes: Uint8Array, opts?: { keep?: boolean }): Promise<FaceAnalysis>;
  /** The kept analysis of the image with this SHA-256 (hex), once: the stored asset reuses it instead of a second run. */
  takeKept(sha256: string): FaceAnalysis | undefined;
  /** Engine runs and kept analyses reused, since start. */
  stats(): { analyses: number; reused: number };
  /**
   * The person under `faces[keep]` cut out by the segmentation model (see `FaceEngine.segment`),
   * in the same worker pool. Used by the group-photo compositor of exchange synthesis mode.
   * @throws FaceInputError `invalid_image` / `image_too_large`; Error when analysis is off.
   */
  segment(bytes: Uint8Array, opts?: { faces: Box[]; keep: number }): Promise<PersonSegmentation>;
  /** Face worker threads alive now: 0 before the first analysis and after `KITH_FACE_IDLE_SECONDS` idle. */
  liveWorkers(): number;
  close(): Promise<void>;
}

export function createFaceAnalyser(
  config: Pick<Config, 'faceAnalysis' | 'faceWorkers' | 'faceMaxSide' | 'maxImagePixels'> & {
    faceModel?: EmbeddingModel;
    faceIdleMs?: number;
  },
): FaceAnalyser {
  let engine: FaceEngine | undefined;
  let closed = false;
  const kept = new Map<string, { analysis: FaceAnalysis; at: number }>();
  const counts = { analyses: 0, reused: 0 };
  const model = config.faceModel ?? DEFAULT_MODEL;
  const started = (): FaceEngine => {
    if (!config.faceAnalysis) throw new Error('face analysis is off (KITH_FACE_ANALYSIS=off)');
    if (closed) throw new Error('face analyser is closed');
    engine ??= createFaceEngine({
      poolSize: config.faceWorkers,
      model,
      maxSide: config.faceMaxSide,
      maxPixels: config.maxImagePixels,
      idleTimeoutMs: config.faceIdleMs,
    });
    return engine;
  };
  return {
    enabled: config.faceAnalysis,
    model,
    modelVersion: MODEL_VERSIONS[model],
    async analyse(bytes, opts) {
      const analysis = await started().analyse(bytes);
      counts.analyses++;
      if (opts?.keep) {
        const now = Date.now();
        for (const [k, v] of kept) if (now - v.at > KEEP_MS || kept.size >= KEEP_MAX) kept.delete(k);
        kept.set(crypto.createHash('sha256').update(bytes).digest('hex'), { analysis, at: now });
      }
      return analysis;
    },
    takeKept(sha256) {
      const k = kept.get(sha256);
      kept.delete(sha256);
      if (!k || Date.now() - k.at > KEEP_MS) return undefined;
      counts.reused++;
      return k.analysis;
    },
    stats: () => ({ ...counts }),
    segment(bytes, opts) {
      return started().segment(bytes, opts);
    },
    liveWorkers: () => engine?.liveWorkers() ?? 0,
    async close() {
      closed = true;
      await engine?.close();
      engine = undefined;
    },
  };
}
