/**
 * The piscina worker: loads its models once (and warms them up), then analyses images.
 * Results cross back as transferable buffers: descriptors packed into one Float32Array.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';
import Piscina from 'piscina';
import { FaceInputError, decodeForAnalysis } from '../image-input.js';
import { MODEL_VERSIONS, partsOf } from '../descriptor-layout.js';
import type { EmbeddingModel } from '../types.js';
import { analyseImage } from './analyse-image.js';
import { segmentImage } from './segment-image.js';
import { FACEAPI_DIR, loadRuntime } from './tfjs-runtime.js';
import type { WorkerMemory, WorkerTask, WorkerReply } from './protocol.js';

const { model, threads } = workerData as { model: EmbeddingModel; threads?: number };
const runtime = await loadRuntime({ ...partsOf(model), threads });

// The first inference compiles kernels (0.5–1.1 s); pay it at boot, not on a user's upload.
// A real party photo with faces, so detection, mesh and both descriptors all get compiled.
{
  const sample = await fs.promises.readFile(path.join(FACEAPI_DIR, 'demo/sample6.jpg'));
  await analyseImage(runtime, await decodeForAnalysis(sample, 512, 1e8), model);
  // Segmentation (group photos of exchange synthesis mode) is compiled on its first use instead: most servers
  // analyse faces far more often than they compose, and the model is small (~300 kB).
}

let tasks = 0;

/** A full GC without `--expose-gc` on the command line (workers get no flags): the flag set at run time, `gc` fetched from a fresh context. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** This thread's memory figures (see WorkerMemory). */
function memoryStats(): WorkerMemory {
  const m = process.memoryUsage();
  const tfm = runtime.tf.memory();
  // The WASM backend's Emscripten module; its heap is one WebAssembly.Memory that never shrinks.
  const wasm = runtime.tf.backend()?.wasm as { HEAPU8?: Uint8Array } | undefined;
  return {
    numTensors: tfm.numTensors,
    tensorBytes: tfm.numBytes,
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    heapTotalBytes: m.heapTotal,
    externalBytes: m.external,
    arrayBuffersBytes: m.arrayBuffers,
    wasmHeapBytes: wasm?.HEAPU8?.byteLength ?? 0,
    wasmThreads: runtime.threads,
    tasks,
  };
}

async function handle(task: WorkerTask): Promise<WorkerReply> {
  if (task.kind === 'stats') {
    if (task.gc) collectGarbage();
    return { kind: 'stats', ...memoryStats() };
  }
  tasks++;
  const t0 = performance.now();
  let input;
  try {
    input = await decodeForAnalysis(new Uint8Array(task.bytes), task.maxSide, task.maxPixels);
  } catch (err) {
    if (err instanceof FaceInputError) return { kind: 'error', code: err.code, message: err.message };
    throw err;
  }
  const t1 = performance.now();
  if (task.kind === 'segment') {
    // Face boxes arrive in original px; the mask is at analysis size.
    const toMask = (b: (typeof task.faces)[number]) => ({
      x: b.x / input.scale,
      y: b.y / input.scale,
      width: b.width / input.scale,
      height: b.height / input.scale,
    });
    const { alpha, box, segmentMs } = await segmentImage(runtime, input, task.faces.map(toMask), task.keep);
    const seg: WorkerReply = {
      kind: 'segmentation',
      width: input.width,
      height: input.height,
      originalWidth: input.originalWidth,
      originalHeight: input.originalHeight,
      scale: input.scale,
      alpha,
      box,
      timings: { decode: t1 - t0, segment: segmentMs, total: performance.now() - t0 },
    };
    return Piscina.move({ [Piscina.transferableSymbol]: [alpha.buffer], [Piscina.valueSymbol]: seg } as never) as unknown as WorkerReply;
  }
  const { faces, detectMs, landmarksMs, descriptorMs } = await analyseImage(runtime, input, model);
  const dims = faces[0]?.descriptor.length ?? 0;
  const packed = new Float32Array(faces.length * dims);
  faces.forEach((f, i) => packed.set(f.descriptor, i * dims));
  const reply: WorkerReply = {
    kind: 'analysis',
    width: input.originalWidth,
    height: input.originalHeight,
    analysedWidth: input.width,
    analysedHeight: input.height,
    model,
    modelVersion: MODEL_VERSIONS[model],
    faces: faces.map(({ descriptor: _d, ...rest }) => rest),
    descriptors: packed,
    dims,
    timings: { decode: t1 - t0, detect: detectMs, landmarks: landmarksMs, descriptor: descriptorMs, total: performance.now() - t0 },
  };
  // Transfer the descriptor buffer instead of copying it (structured clone would copy).
  const movable = { [Piscina.transferableSymbol]: [packed.buffer], [Piscina.valueSymbol]: reply };
  return Piscina.move(movable as never) as unknown as WorkerReply;
}

export default handle;
