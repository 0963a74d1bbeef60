/**
 * The face engine: a piscina pool of worker threads, each with TensorFlow.js WASM and its
 * models loaded, so analysis never runs on the HTTP event loop.
 *
 * Seed: face-routed-sharing CN103369031A [0052] (find faces, their position, size and organ
 * positions, an identity feature per face). Model choice: docs/face-calibration.md.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { MODEL_VERSIONS } from './descriptor-layout.js';
import { FaceInputError } from './image-input.js';
import type { Box, EmbeddingModel, FaceAnalysis, PersonSegmentation } from './types.js';
import type { WorkerMemory, WorkerReply, WorkerTask } from './worker/protocol.js';

export interface FaceEngineOptions {
  /** Worker threads; defaults to the core count (a third worker gained nothing on 2 cores). */
  poolSize?: number;
  /** Identity model; the default is the one docs/face-calibration.md chose. */
  model?: EmbeddingModel;
  /** Long side the models see, px (default 1024). */
  maxSide?: number;
  /** Refuse images above this many pixels (default 100 M). */
  maxPixels?: number;
  /**
   * Stop a worker after this long without a task, ms (piscina `idleTimeout` with `minThreads` 0);
   * the next task starts one again, models and all (~1 s). Default: workers live until `close`.
   */
  idleTimeoutMs?: number;
  /**
   * Threads per worker (default 1): the WASM engine of each worker runs its convolutions on this
   * many XNNPACK threads (faces/src/worker/wasm-threads.ts), and the ONNX identity net as many
   * intra-op threads. `poolSize: 1, threadsPerWorker: 2` uses both cores of a 2-core machine with
   * one copy of the models; see bench/README.md for its speed.
   */
  threadsPerWorker?: number;
}

/** V8 young generation of each worker thread, MB (see the pool's `resourceLimits`). */
const WORKER_YOUNG_GENERATION_MB = 8;

/** The model shipped as default, chosen by the calibration (docs/face-calibration.md). */
export const DEFAULT_MODEL: EmbeddingModel = 'faceplugin';

export interface FaceEngine {
  readonly model: EmbeddingModel;
  readonly modelVersion: string;
  readonly poolSize: number;
  /** Worker threads alive now (0 … poolSize): with `idleTimeoutMs`, idle ones have stopped. */
  liveWorkers(): number;
  /**
   * Finds and describes the faces of one encoded image.
   * @param bytes JPEG/PNG/WebP/HEIF/TIFF bytes (copied into the worker).
   * @returns faces with boxes (px and 0..1), landmarks, quality and descriptors; timings in ms.
   * @throws FaceInputError `invalid_image` or `image_too_large`.
   */
  analyse(bytes: Uint8Array): Promise<FaceAnalysis>;
  /**
   * Segments the people of one encoded image with MediaPipe Selfie (same worker pool and WASM
   * runtime as analysis), optionally keeping only one person.
   * @param opts.faces every face of the image (boxes from {@link FaceEngine.analyse}, original px);
   *   with `opts.keep`, only the person under `faces[keep]` stays in the mask (synthesis mode: "the person
   *   nearest the detected face, not everyone in the frame").
   * @returns the alpha mask at analysis size (long side ≤ maxSide px) and the person's box.
   * @throws FaceInputError `invalid_image` or `image_too_large`; RangeError for a `keep` outside `faces`.
   */
  segment(bytes: Uint8Array, opts?: { faces: Box[]; keep: number }): Promise<PersonSegmentation>;
  /** Live tensors and memory of one worker, for leak checks (one call per worker, round-robin not guaranteed). */
  workerStats(): Promise<WorkerMemory>;
  /**
   * Memory of every worker at once: `poolSize` stats tasks in flight, one per worker (a worker
   * runs one task at a time). Call it while the pool is idle, or the figures wait for running tasks.
   * `gc`: each worker runs a full garbage collection first, so the heap figures are live memory.
   */
  allWorkerStats(opts?: { gc?: boolean }): Promise<WorkerMemory[]>;
  /** Resolves once every worker has loaded and warmed up its models. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the pool. Workers load lazily on the first task unless {@link FaceEngine.ready} is awaited. */
export function createFaceEngine(opts: FaceEngineOptions = {}): FaceEngine {
  const model = opts.model ?? DEFAULT_MODEL;
  const poolSize = Math.max(1, opts.poolSize ?? os.availableParallelism());
  const maxSide = opts.maxSide ?? 1024;
  const maxPixels = opts.maxPixels ?? 100_000_000;
  const pool = new Piscina({
    filename: new URL('./worker/analyse.worker.mjs', import.meta.url).href,
    minThreads: opts.idleTimeoutMs ? 0 : poolSize,
    maxThreads: poolSize,
    idleTimeout: opts.idleTimeoutMs || Infinity,
    // One task per worker at a time: a worker's WASM engine runs one inference at a time.
    concurrentTasksPerWorker: 1,
    workerData: { model, threads: Math.max(1, opts.threadsPerWorker ?? 1) },
    // A small young generation: a worker's JS allocates little between model calls, and V8's
    // default semi-spaces kept ~30 MB per worker of short-lived garbage (measured with 2 workers
    // on the party photos: process RSS 511 → 443 MB at 8 MB, 437 MB at 4 MB; bench/README.md).
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    // Workers get no loader flags: analyse.worker.mjs registers tsx itself.
    execArgv: [],
  });
  const run = (task: WorkerTask, transferList?: ArrayBuffer[]) =>
    pool.run(task, { transferList: transferList as never }) as Promise<WorkerReply>;

  return {
    model,
    modelVersion: MODEL_VERSIONS[model],
    poolSize,
    liveWorkers: () => pool.threads.length,
    async analyse(bytes) {
      // A copy of exactly these bytes (Buffer#slice would share, and transferring would detach, the caller's memory).
      const copy = new Uint8Array(bytes).buffer as ArrayBuffer;
      const reply = await run({ kind: 'analyse', bytes: copy, maxSide, maxPixels }, [copy]);
      if (reply.kind === 'error') throw new FaceInputError(reply.code, reply.message);
      if (reply.kind !== 'analysis') throw new Error(`unexpected worker reply ${reply.kind}`);
      const { descriptors, dims, faces, ...rest } = reply;
      return { ...rest, faces: faces.map((f, i) => ({ ...f, descriptor: descriptors.subarray(i * dims, (i + 1) * dims) })) };
    },
    async segment(bytes, opts) {
      if (opts && !(opts.keep >= 0 && opts.keep < opts.faces.length))
        throw new RangeError(`keep ${opts.keep} of ${opts.faces.length} faces`);
      const copy = new Uint8Array(bytes).buffer as ArrayBuffer;
      const faces = (opts?.faces ?? []).map(({ x, y, width, height }) => ({ x, y, width, height }));
      const reply = await run({ kind: 'segment', bytes: copy, maxSide, maxPixels, faces, keep: opts ? opts.keep : null }, [copy]);
      if (reply.kind === 'error') throw new FaceInputError(reply.code, reply.message);
      if (reply.kind !== 'segmentation') throw new Error(`unexpected worker reply ${reply.kind}`);
      const { kind: _kind, ...segmentation } = reply;
      return segmentation;
    },
    async workerStats() {
      const reply = await run({ kind: 'stats' });
      if (reply.kind !== 'stats') throw new Error(`unexpected worker reply ${reply.kind}`);
      const { kind: _kind, ...stats } = reply;
      return stats;
    },
    async allWorkerStats(opts) {
      const replies = await Promise.all(Array.from({ length: poolSize }, () => run({ kind: 'stats', gc: opts?.gc })));
      return replies.map((reply) => {
        if (reply.kind !== 'stats') throw new Error(`unexpected worker reply ${reply.kind}`);
        const { kind: _kind, ...stats } = reply;
        return stats;
      });
    },
    async ready() {
      await Promise.all(Array.from({ length: poolSize }, () => run({ kind: 'stats' })));
    },
    async close() {
      await pool.destroy();
    },
  };
}
