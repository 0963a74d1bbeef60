/**
 * `npm run bench:synthesis`: the group-photo compositor of issue 5 (synthesis mode) on 20 pairs
 * of real photos at 1024 px (ordered pairs of the six face-api party photos, requester ≠ responder).
 *
 * Prints, for one composite at a time (what a user waits for after both captures are in):
 * - ms per composite (mean / p50 / p95), and the segmentation part of it (two Selfie passes +
 *   person isolation, in a face worker);
 * - peak RSS of this process (VmHWM, holds the face worker threads);
 * - the same-run floor: a bare sharp composite of the same two images (the responder's photo
 *   resized to the requester's size and laid over it, JPEG out), and Kith's time as a multiple of it;
 * - live tensors in the workers before and after (no growth expected).
 * Pool of 2 workers (the default on this 2-core machine): the two face analyses of a pair run in parallel.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { createFaceEngine } from '@kith/faces';
import { createGroupPhotoComposer } from '../../server/src/exchanges/synthesis/group-photo-composer.js';
import { procStatusMB } from './bench-harness.js';
import { PARTY_PHOTOS } from './fixtures.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 20);
const SIDE = 1024;

const photos = await Promise.all(
  PARTY_PHOTOS.map((p) => sharp(fs.readFileSync(p)).resize(SIDE, SIDE, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer()),
);
const pairs: [Buffer, Buffer][] = [];
for (let i = 0; pairs.length < PAIRS; i++) {
  const a = i % photos.length;
  const b = (a + 1 + (Math.floor(i / photos.length) % (photos.length - 1))) % photos.length;
  pairs.push([photos[a], photos[b]]);
}

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const row = (label: string, xs: number[]) =>
  `${label}: mean ${mean(xs).toFixed(0)} ms, p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms`;

/** The floor: decode both, fit the second to the first's size, lay it over, encode JPEG. */
async function bareComposite(a: Buffer, b: Buffer): Promise<Buffer> {
  const { width, height } = await sharp(a).metadata();
  const over = await sharp(b).resize(width, height, { fit: 'fill' }).toBuffer();
  return sharp(a)
    .composite([{ input: over }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

const engine = createFaceEngine({ poolSize: 2 });
const composer = createGroupPhotoComposer({ faceAnalyser: { enabled: true, analyse: engine.analyse, segment: engine.segment } });
await engine.ready();
// Warm-up: the first segmentation loads and compiles the model in a worker. Two tasks at once land
// on the two workers (one task per worker at a time), so both are warm, and both are counted below.
await Promise.all([engine.segment(photos[0]), engine.segment(photos[1])]);
await composer.compose(photos[0], photos[1]);
const tensors = async () => (await Promise.all([engine.workerStats(), engine.workerStats()])).reduce((n, s) => n + s.numTensors, 0);
const before = await tensors();

console.log(`bench:synthesis — ${PAIRS} pairs of party photos at ${SIDE} px, pool of 2 face workers, one composite at a time`);
const total: number[] = [];
const segmentation: number[] = [];
const modes = { synthesis: 0, diptych: 0 };
for (const [a, b] of pairs) {
  const t0 = performance.now();
  const r = await composer.compose(a, b);
  total.push(performance.now() - t0);
  segmentation.push(r.timings.segmentationMs);
  modes[r.mode]++;
}
const after = await tensors();
const floor: number[] = [];
for (const [a, b] of pairs) {
  const t0 = performance.now();
  await bareComposite(a, b);
  floor.push(performance.now() - t0);
}

console.log(`\n${row('composite (Kith)', total)}`);
console.log(`  ${row('of which segmentation', segmentation)}`);
console.log(`  results: ${modes.synthesis} group photos, ${modes.diptych} diptychs`);
console.log(`${row('bare sharp composite (same pairs, same run)', floor)}`);
console.log(`→ Kith takes ${(mean(total) / mean(floor)).toFixed(1)}× the bare composite's time (means)`);
console.log(`peak RSS of this process (with the worker threads): ${procStatusMB(process.pid, 'VmHWM').toFixed(0)} MB`);
console.log(`live tensors in the two workers: ${before} before, ${after} after → ${after === before ? 'no growth' : 'GROWTH'}`);
await engine.close();
