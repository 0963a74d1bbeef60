/**
 * Multi-threaded TensorFlow.js WASM (XNNPACK on a pthread pool) inside a Node worker thread.
 *
 * `@tensorflow/tfjs-backend-wasm` 4.22 ships the threaded SIMD binary but turns it off in Node
 * (its `WASM_HAS_MULTITHREAD_SUPPORT` flag answers false there). Three things stand in the way,
 * each worked around here without touching node_modules:
 * - the pthread worker script is handed to Emscripten as a `blob:` URL, which Node's `Worker`
 *   refuses (ERR_WORKER_PATH): `URL.createObjectURL` answers a file path for that one blob instead,
 *   a copy of the package's own worker script (`wasm-out/…threaded-simd.worker.js`) written to the
 *   temp folder, which loads the package's `wasm-out/…threaded-simd.js` glue by path;
 * - the C++ side caps the pool at `emscripten_num_logical_cores() / 2` (it assumes two hardware
 *   threads per core), and in Node that is `os.cpus().length`: 1 on a 2-core machine, so
 *   `setThreadsCount(2)` gave 1 thread. `os.cpus` reports the cores twice while the module starts;
 * - Emscripten starts 8 pthread workers up front (PTHREAD_POOL_SIZE, compiled in), ~17 MB of
 *   RSS each: the ones XNNPACK's pool did not take are stopped once the backend is up.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A stand-in entry for the doubled `os.cpus()` list when the platform lists no cores. */
const UNKNOWN_CPU: os.CpuInfo = { model: 'unknown', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };

/** The text of the package's pthread worker script that loads the glue from a `blob:` URL. */
const BLOB_IMPORT = 'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';

/** Writes (once per package version) the pthread worker script that loads the glue by path. */
function pthreadWorkerFile(wasmOut: string, version: string): string {
  const glue = path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  if (!wasmWorkerContents.includes(BLOB_IMPORT)) throw new Error(`tfjs-backend-wasm ${version}: pthread worker script changed`);
  // tfjs escapes the newlines of the script text the same way before making its blob.
  const text = wasmWorkerContents.replace(/\n/g, '\\n').replace(BLOB_IMPORT, `importScripts(${JSON.stringify(glue)})`);
  const file = path.join(os.tmpdir(), `kith-tfjs-wasm-${version}-pthread-${process.getuid?.() ?? 0}.cjs`);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    // Write-then-rename: several face workers may start at once.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
  return file;
}

/**
 * Prepares the threaded backend; call before the wasm backend is first set (Human's `init`).
 * @param threads XNNPACK pool size including the calling thread (≥ 2; 1 means: leave tfjs as it is).
 * @returns `started()`, to call once the backend is up: undoes the `os.cpus` override, stops the
 *   unused pthread workers and returns the pool size tfjs reports.
 */
export function prepareWasmThreads(tf: any, threads: number): { started(): number } {
  if (threads <= 1) return { started: () => 1 };
  const wasmPkg = require('@tensorflow/tfjs-backend-wasm');
  const pkgDir = path.dirname(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')));
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version as string;
  const workerFile = pthreadWorkerFile(path.join(pkgDir, 'wasm-out'), version);
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = ((blob: Blob) =>
    blob instanceof Blob && blob.type === 'application/javascript' ? workerFile : createObjectURL(blob)) as typeof URL.createObjectURL;
  const cpus = os.cpus;
  os.cpus = () => {
    const real = cpus();
    // Emscripten reads only the length. Node answers an empty list when no CPU information is available
    // (e.g. no /proc, per its os.cpus() documentation): placeholders stand in then.
    return Array.from({ length: threads * 2 }, (_, i) => real[i % real.length] ?? UNKNOWN_CPU);
  };
  wasmPkg.setThreadsCount(threads);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  return {
    started() {
      os.cpus = cpus;
      URL.createObjectURL = createObjectURL;
      const module = tf.backend()?.wasm;
      const pool = module?.PThread as { unusedWorkers: { terminate(): unknown }[] } | undefined;
      if (pool) {
        for (const w of pool.unusedWorkers) void w.terminate();
        pool.unusedWorkers.length = 0;
      }
      return wasmPkg.getThreadsCount() as number;
    },
  };
}
