/**
 * TensorFlow.js on WASM (SIMD; single-threaded unless asked) with Human and face-api, inside one worker thread.
 *
 * Why this shape (measured on a 2-core box, see docs/face-calibration.md):
 * - tfjs-node cannot install here (its install script downloads libtensorflow), so WASM it is.
 * - tfjs turns WASM threads off in Node (its pthread worker comes as a `blob:` URL, which Node's
 *   Worker refuses: ERR_WORKER_PATH). wasm-threads.ts works around it when `threads` > 1; by
 *   default each worker runs one single-threaded instance and the pool gives the parallelism
 *   (bench/README.md compares the two).
 * - Human's package `exports` hide its WASM build, so it is required by absolute path.
 * - Human loads models with `fetch`; Node's fetch has no `file:` scheme, so a small shim reads
 *   model files from node_modules. Nothing is ever fetched from the network.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openFaceplugin, type FacepluginSession } from './faceplugin-net.js';
import { prepareWasmThreads } from './wasm-threads.js';

const require = createRequire(import.meta.url);
/** A package's folder, found from its main entry (Human's `exports` hide package.json). */
function pkgDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (
    !fs.existsSync(path.join(dir, 'package.json')) ||
    JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name
  ) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found in node_modules`);
    dir = parent;
  }
  return dir;
}

export const HUMAN_DIR = pkgDir('@vladmandic/human');
export const FACEAPI_DIR = pkgDir('@vladmandic/face-api');
const WASM_DIR = path.join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist');

export type Tf = any;
export type HumanInstance = any;
export type FaceApi = any;

function installFileFetch(): void {
  const networkFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return networkFetch(input, init);
    const file = new URL(url).pathname;
    const body = await fs.promises.readFile(file);
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  }) as typeof fetch;
}

/**
 * Human's configuration: faces only, no frame caching (stills, not video), faceres on or off.
 * `returnCrops`: each face carries its aligned crop (`tensor`, 0..1), for a batched descriptor pass.
 */
export function humanConfig(withFaceres: boolean, withMesh = true, returnCrops = false) {
  return {
    backend: 'wasm',
    wasmPath: `${WASM_DIR}/`,
    modelBasePath: `file://${path.join(HUMAN_DIR, 'models')}/`,
    debug: false,
    async: false,
    warmup: 'none',
    // Still photos: never reuse a previous frame's result.
    cacheSensitivity: 0,
    face: {
      enabled: true,
      detector: { rotation: true, maxDetected: 64, minConfidence: 0.5, iouThreshold: 0.3, return: returnCrops, skipFrames: 0, skipTime: 0 },
      mesh: { enabled: withMesh },
      iris: { enabled: false },
      description: { enabled: withFaceres, skipFrames: 0, skipTime: 0 },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
  };
}

export interface Runtime {
  tf: Tf;
  human: HumanInstance;
  /**
   * Human's faceres graph, run by the engine itself on all the faces of a photo in one batch
   * (Human runs it face by face). Measured: 101 vs 115 ms of CPU per face, bench/README.md.
   */
  faceres?: any;
  /** Loaded only when the face-api descriptor is part of the model. */
  faceapi?: FaceApi;
  /** The vendored ONNX recognition net (faces/models/README.md) on onnxruntime-node, when the model needs it. */
  faceplugin?: FacepluginSession;
  /** XNNPACK threads this runtime's WASM engine runs on (1: single-threaded). */
  threads: number;
}

/**
 * Loads the backend and models once per worker.
 * @param opts.faceres run Human's faceres (1024-d) descriptor: batched by the engine (`runtime.faceres`),
 *   or inside Human's pass, face by face, with `opts.faceresInHuman` (the stage-split bench).
 * @param opts.faceapi load face-api's 68-point landmark and 128-d recognition nets.
 * @param opts.faceplugin open the ONNX recognition net (onnxruntime-node, `threads` intra-op threads).
 * @param opts.threads XNNPACK threads of this worker's WASM engine (default 1; see wasm-threads.ts).
 * @throws Error when a model file is missing from node_modules.
 */
export async function loadRuntime(opts: {
  faceres: boolean;
  faceapi: boolean;
  faceplugin?: boolean;
  mesh?: boolean;
  faceresInHuman?: boolean;
  threads?: number;
}): Promise<Runtime> {
  installFileFetch();
  const { Human } = require(path.join(HUMAN_DIR, 'dist/human.node-wasm.js'));
  const inHuman = opts.faceres && (opts.faceresInHuman ?? false);
  const batched = opts.faceres && !inHuman;
  const human = new Human(humanConfig(inHuman, opts.mesh ?? true, batched));
  const wasmThreads = prepareWasmThreads(human.tf, opts.threads ?? 1);
  await human.init();
  const threads = wasmThreads.started();
  await human.load();
  const tf = human.tf;
  const faceres = batched ? await tf.loadGraphModel(`file://${path.join(HUMAN_DIR, 'models/faceres.json')}`) : undefined;
  let faceapi: FaceApi | undefined;
  if (opts.faceapi) {
    faceapi = require(path.join(FACEAPI_DIR, 'dist/face-api.node-wasm.js'));
    if (faceapi.tf.engine() !== tf.engine())
      throw new Error('face-api and Human loaded two TensorFlow.js engines; dedupe @tensorflow/tfjs-core');
    const modelDir = path.join(FACEAPI_DIR, 'model');
    await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  }
  const faceplugin = opts.faceplugin ? await openFaceplugin(opts.threads ?? 1) : undefined;
  return { tf, human, faceapi, faceres, faceplugin, threads };
}
