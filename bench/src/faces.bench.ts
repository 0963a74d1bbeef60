/**
 * `npm run bench:faces`: the face engine's throughput, stage times, memory and accuracy.
 *
 * - Floor: bare sharp decode + EXIF orient + resize to 1024 px raw RGB, the work every analysis
 *   starts with, at the same concurrency; Kith's time is printed as a multiple of it.
 * - Throughput: the six face-api party photos repeated to 120, through the pool at 1024 px,
 *   with the default model (faceplugin), for pools of 1 and 2 single-threaded workers and 1 worker
 *   on 2 threads (photos/s, faces/s, mean ms per stage, peak RSS of this process, which holds the
 *   worker threads); then the earlier default, fusion, at pool 2 as a peer.
 * - Stage split of the Human pass (blazeface / facemesh) from two in-process runs.
 * - Leaks: live tensors per worker before and after.
 * - Accuracy on the labelled sets A and C, cross-validated by person (faces/scripts/cv-run.ts;
 *   skipped when ../shared/fixtures is absent).
 * `BENCH_PHOTOS` (default 120), `BENCH_ACCURACY=0` skips the accuracy part.
 * Targets (2-core machine): ≥ 4 photos/s and peak RSS ≤ 600 MB using both cores, held-out accuracy ≥ 99%, TAR at FAR 0.1% ≥ 97%, zero
 * same-photo false matches, no tensor growth.
 */
import fs from 'node:fs';
import os from 'node:os';
import sharp from 'sharp';
import { createFaceEngine, CALIBRATION, DEFAULT_MODEL, type FaceEngine } from '@kith/faces';
import { collectCalibrationData, SET_DIRS } from '../../faces/scripts/calibration-data.js';
import { crossValidate } from '../../faces/scripts/cv-run.js';
import { stageSplit } from './faces-stage-split.js';
import { PARTY_PHOTOS } from './fixtures.js';
import { mapLimit, verdict } from './bench-harness.js';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 120);
const TARGET_PHOTOS_PER_S = 4;
const TARGET_PEAK_MB = 600;
const buffers = PARTY_PHOTOS.map((p) => fs.readFileSync(p));
const workload = Array.from({ length: PHOTOS }, (_, i) => buffers[i % buffers.length]);
const ms = (n: number) => `${n.toFixed(0)} ms`;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function floor(concurrency: number): Promise<number> {
  const t0 = performance.now();
  await mapLimit(workload, concurrency, (b) => sharp(b).rotate().resize(1024, 1024, { fit: 'inside' }).removeAlpha().raw().toBuffer());
  return PHOTOS / ((performance.now() - t0) / 1000);
}

async function throughput(engine: FaceEngine) {
  await engine.ready();
  const before = await engine.workerStats();
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  // Two tasks per worker in flight keep every worker busy while results cross back.
  const results = await mapLimit(workload, engine.poolSize * 2, (b) => engine.analyse(b));
  const seconds = (performance.now() - t0) / 1000;
  const faces = results.reduce((n, r) => n + r.faces.length, 0);
  const mean = (k: 'decode' | 'detect' | 'landmarks' | 'descriptor' | 'total') =>
    results.reduce((s, r) => s + r.timings[k], 0) / results.length;
  const after = await engine.workerStats();
  return { photosPerS: PHOTOS / seconds, facesPerS: faces / seconds, faces, mean, before, after, peakMB: peakRss / 1e6 };
}

console.log(
  `bench:faces — ${PHOTOS} photos (the six party photos repeated), 1024 px, model ${DEFAULT_MODEL}; MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// Two single-threaded workers (the default), one, and one worker running its WASM engine on 2 threads.
for (const [poolSize, threadsPerWorker] of [
  [1, 1],
  [2, 1],
  [1, 2],
] as const) {
  const engine = createFaceEngine({ poolSize, threadsPerWorker });
  const r = await throughput(engine);
  const f = await floor(poolSize * threadsPerWorker);
  console.log(
    `\npool ${poolSize} × ${threadsPerWorker} thread${threadsPerWorker > 1 ? 's' : ''}: ${r.photosPerS.toFixed(2)} photos/s, ${r.facesPerS.toFixed(1)} faces/s (${r.faces} faces), peak RSS ${r.peakMB.toFixed(0)} MB`,
  );
  console.log(
    `  mean per photo: decode ${ms(r.mean('decode'))}, detect+mesh ${ms(r.mean('detect'))}, landmarks ${ms(r.mean('landmarks'))}, descriptor ${ms(r.mean('descriptor'))}, total ${ms(r.mean('total'))}`,
  );
  console.log(
    `  floor (bare sharp decode+resize, ${poolSize * threadsPerWorker} in flight): ${f.toFixed(1)} photos/s → Kith takes ${(f / r.photosPerS).toFixed(1)}× the floor's time`,
  );
  console.log(
    `  live tensors in a worker: ${r.before.numTensors} before, ${r.after.numTensors} after → ${r.after.numTensors === r.before.numTensors ? 'no growth' : 'GROWTH'}`,
  );
  if (poolSize * threadsPerWorker === 2)
    console.log(
      `  throughput ${verdict(r.photosPerS >= TARGET_PHOTOS_PER_S, `≥ ${TARGET_PHOTOS_PER_S} photos/s`)}; peak RSS ${verdict(r.peakMB <= TARGET_PEAK_MB, `≤ ${TARGET_PEAK_MB} MB`)}`,
    );
  await engine.close();
}

// The peer: the earlier default (faceres + face-api fusion) on the same photos in the same run.
{
  const engine = createFaceEngine({ poolSize: 2, model: 'fusion' });
  const r = await throughput(engine);
  console.log(
    `\nfusion, the earlier default (pool 2, for comparison): ${r.photosPerS.toFixed(2)} photos/s, ${r.facesPerS.toFixed(1)} faces/s, peak RSS ${r.peakMB.toFixed(0)} MB — held-out balanced accuracy on A + C 92.1% (docs/face-calibration.md, model trials)`,
  );
  await engine.close();
}

console.log('\nstage split of the Human pass (one thread, mean over the six photos):');
for (const [stage, value] of Object.entries(await stageSplit(buffers))) console.log(`  ${stage}: ${ms(value)}`);

if (process.env.BENCH_ACCURACY === '0') {
  console.log('\naccuracy: skipped (BENCH_ACCURACY=0)');
} else if (!Object.values(SET_DIRS).every((dir) => fs.existsSync(dir))) {
  console.log(`\naccuracy: skipped — ${Object.values(SET_DIRS).join(' or ')} is absent`);
} else {
  // Fresh descriptors from this engine (no cache), cross-validated by person on sets A and C.
  const engine = createFaceEngine({ poolSize: 2 });
  const data = await collectCalibrationData(engine, ['A', 'C']);
  const cv = crossValidate(data, engine.model, engine.modelVersion);
  await engine.close();
  const t = CALIBRATION[engine.model].threshold;
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const { held, shipped } = cv;
  console.log(
    `\naccuracy on sets A + C (${cv.faces} faces of ${cv.people} people, ${cv.samePhotoPairs} same-photo pairs), shipped threshold ${t}:`,
  );
  console.log(
    `  held out (leave one person out): balanced accuracy ${pct(held.balancedAccuracy)} ${verdict(held.balancedAccuracy >= 0.99, '≥ 99%')}; identification ${held.known.right} right, ${held.known.wrong} wrong, ${held.known.none} unmatched`,
  );
  console.log(
    `  threshold chosen on everyone ${shipped.threshold.toFixed(4)} (shipped ${t}); TAR at FAR 0.1% ${pct(shipped.tar01)} ${verdict(shipped.tar01 >= 0.97, '≥ 97%')}; AUC ${shipped.auc.toFixed(4)}`,
  );
  console.log(
    `  same-photo false matches: ${shipped.samePhotoFalseMatches} of ${cv.samePhotoPairs} ${verdict(shipped.samePhotoFalseMatches === 0, '0')}`,
  );
}
clearInterval(sampler);
