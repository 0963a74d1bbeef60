/**
 * `npm run bench:faces-memory` (soak diagnosis): the face engine alone, fed what
 * `bench:load`'s mix makes it analyse (faceless 640×400 library photos, 300–600 px faceless
 * region crops, 280–480 px pictures of one face, 5 : 2 : 1), every byte sequence new, two
 * tasks in flight (one per worker). Every `BENCH_EVERY` analyses (default 200) it pauses and
 * prints each worker thread's own memory (V8 heap, external/arrayBuffers, TensorFlow.js WASM
 * heap, live tensors) and the process RSS, so growth can be told apart: JS objects kept (heap),
 * tensors not disposed (numTensors), WASM high-water mark (wasm heap), or native memory
 * outside all of these (RSS − the rest: libvips, glibc arenas).
 *
 * `BENCH_TASKS` (default 2000), `BENCH_POOL` (default 2). Printed figures only.
 */
import os from 'node:os';
import { createFaceEngine, type WorkerMemory } from '@kith/faces';
import { facelessPhotos, facelessRect, recipientPictures, uniqueJpeg, FACELESS_SOURCE } from './load-photos.js';
import fs from 'node:fs/promises';
import sharp from 'sharp';

const TASKS = Number(process.env.BENCH_TASKS ?? 2000);
const EVERY = Number(process.env.BENCH_EVERY ?? 200);
const POOL = Number(process.env.BENCH_POOL ?? 2);
const GC = process.env.BENCH_GC !== '0';
const MB = (b: number) => (b / 1e6).toFixed(1);

const uploads = await facelessPhotos(40);
const pictures = await recipientPictures(10);
const source = await fs.readFile(FACELESS_SOURCE);
const regions = await Promise.all(
  Array.from({ length: 20 }, () =>
    sharp(source)
      .extract({ left: 0, top: 0, ...facelessRect() })
      .jpeg()
      .toBuffer(),
  ),
);
// The mix's analyses a second: 4 uploads, 2 region crops, 1 inbox picture (analysed twice: the check, then the stored asset).
const cycle = [
  ...Array.from({ length: 4 }, (_, i) => () => uploads[i % uploads.length]),
  () => regions[Math.floor(Math.random() * regions.length)],
  () => regions[Math.floor(Math.random() * regions.length)],
  () => pictures[Math.floor(Math.random() * pictures.length)],
  () => pictures[Math.floor(Math.random() * pictures.length)],
];

const engine = createFaceEngine({ poolSize: POOL });
await engine.ready();
console.log(
  `bench:faces-memory — ${TASKS} analyses, pool ${POOL}, ${GC ? 'GC before each sample' : 'no forced GC'}, ${os.availableParallelism()} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log('  tasks  rss MB | per worker: tasks heapUsed/heapTotal external arrayBuffers wasm tensors (MB, count)');
/**
 * Resident bytes of the WebAssembly memories: the writable anonymous mappings of 200 MB–1 GB
 * (each worker's WASM heap, ~254 MB here; V8 reserves the rest of its 10 GB as PROT_NONE). Their
 * `Rss` (smaps, kB) says how much of each heap is actually in RAM, which `byteLength` does not.
 */
async function wasmResident(): Promise<number[]> {
  const smaps = await fs.readFile('/proc/self/smaps', 'utf8');
  const out: number[] = [];
  let big = false;
  let writable = false;
  for (const line of smaps.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ (\S+)/.exec(line);
    if (head) writable = head[1] === 'rw-p';
    const size = /^Size:\s+(\d+) kB/.exec(line);
    if (size) big = writable && Number(size[1]) >= 200_000 && Number(size[1]) <= 1_000_000;
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && big) out.push(Number(rss[1]) * 1024);
  }
  return out;
}
const row = async (done: number, stats: WorkerMemory[]) =>
  console.log(
    `  ${String(done).padStart(5)}  ${MB(stats[0].rssBytes).padStart(7)} wasm rss ${(await wasmResident()).map(MB).join('+')} main heap ${MB(process.memoryUsage().heapUsed)} | ` +
      stats
        .map(
          (s) =>
            `${s.tasks} ${MB(s.heapUsedBytes)}/${MB(s.heapTotalBytes)} ext ${MB(s.externalBytes)} ab ${MB(s.arrayBuffersBytes)} wasm ${MB(s.wasmHeapBytes)} t ${s.numTensors}`,
        )
        .join(' | '),
  );
await row(0, await engine.allWorkerStats({ gc: GC }));
let done = 0;
const t0 = Date.now();
while (done < TASKS) {
  const batch = Math.min(EVERY, TASKS - done);
  let next = 0;
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      while (next < batch) {
        const k = done + next++;
        await engine.analyse(uniqueJpeg(cycle[k % cycle.length]()));
      }
    }),
  );
  done += batch;
  await row(done, await engine.allWorkerStats({ gc: GC }));
}
console.log(`  ${(done / ((Date.now() - t0) / 1000)).toFixed(1)} analyses/s`);
await engine.close();
