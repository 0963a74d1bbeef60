import { FaceInputError, type FaceAnalysis } from '@kith/faces';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import { RequestTimeoutError, type JobQueue, type RequestHandler } from '../jobs/job-queue.js';
import type { FaceAnalyser } from './face-analyser.js';

/** `FaceAnalysis` as plain JSON: each descriptor a number array (Float32 values survive a JSON round trip exactly). */
type WireAnalysis = Omit<FaceAnalysis, 'faces'> & {
  faces: Array<Omit<FaceAnalysis['faces'][number], 'descriptor'> & { descriptor: number[] }>;
};

const toWire = (a: FaceAnalysis): WireAnalysis => ({ ...a, faces: a.faces.map((f) => ({ ...f, descriptor: Array.from(f.descriptor) })) });
const fromWire = (a: WireAnalysis): FaceAnalysis => ({
  ...a,
  faces: a.faces.map((f) => ({ ...f, descriptor: Float32Array.from(f.descriptor) })),
});

/**
 * The `faces.check` request job, answered where jobs run (`kith worker`, or `kith serve` with the in-process
 * queue) by this process's own face pool: the analysis of one still for a request that waits (inbox check,
 * reference faces). The analysis is kept (`keep`), so the `faces.analyse` job of the stored asset reuses
 * it instead of a second run. An image the engine refuses is answered `refused` (FaceInputError's code).
 */
export const faceCheckRequest =
  (analyser: FaceAnalyser): RequestHandler<'faces.check'> =>
  async ({ image }) => {
    try {
      return { analysis: toWire(await analyser.analyse(Buffer.from(image, 'base64'), { keep: true })) };
    } catch (e) {
      if (e instanceof FaceInputError) return { refused: { code: e.code, message: e.message } };
      throw e;
    }
  };

/**
 * The face analyser of a `kith serve` beside a `kith worker` (BullMQ queue): it starts no face worker
 * of its own; each analysis is a `faces.check` request job answered by the worker's pool, so a
 * deployment holds one face pool (~350 MB per thread) however many instances serve HTTP.
 * `analyse` throws FaceInputError as the engine would, and AppError 503 `face_check_unavailable`
 * when no worker answered within `faceCheckTimeoutMs`. `segment` is never called here: the
 * compositor runs in the worker's `exchange.compose` job.
 */
export function createRemoteFaceAnalyser(
  jobs: JobQueue,
  config: Pick<Config, 'faceAnalysis' | 'faceCheckTimeoutMs'>,
  local: Pick<FaceAnalyser, 'model' | 'modelVersion'>,
): FaceAnalyser {
  return {
    enabled: config.faceAnalysis,
    model: local.model,
    modelVersion: local.modelVersion,
    async analyse(bytes) {
      if (!config.faceAnalysis) throw new Error('face analysis is off (KITH_FACE_ANALYSIS=off)');
      let reply;
      try {
        reply = await jobs.request(
          'faces.check',
          { image: Buffer.from(bytes).toString('base64') },
          { timeoutMs: config.faceCheckTimeoutMs },
        );
      } catch (e) {
        if (!(e instanceof RequestTimeoutError)) throw e;
        throw errors.unavailable(
          'face_check_unavailable',
          `Faces could not be checked: no Kith worker answered within ${Math.round(config.faceCheckTimeoutMs / 1000)} s ` +
            '(is `kith worker` running, and reaching Redis?). Nothing was stored; try again in a minute.',
        );
      }
      if ('refused' in reply) throw new FaceInputError(reply.refused.code as FaceInputError['code'], reply.refused.message);
      return fromWire(reply.analysis as WireAnalysis);
    },
    segment() {
      return Promise.reject(new Error('segmentation runs in `kith worker` (exchange.compose), not in `kith serve`'));
    },
    takeKept: () => undefined,
    stats: () => ({ analyses: 0, reused: 0 }),
    liveWorkers: () => 0,
    close: async () => undefined,
  };
}
