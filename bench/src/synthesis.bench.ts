/**
 * `npm run bench:synthesis`: the group-photo compositor (synthesis mode) before and after its
 * matte / placement / colour-match rewrite, on pairs of the face-api party photos at their own
 * size (1920×1280, what `npm run demo` sends). The first pair is the demo's (scene sample3.jpg,
 * person from sample5.jpg). "Before" is the old compositor, kept only here (src/synthesis-baseline/).
 *
 * Prints, per compositor: ms per composite (mean / p50), peak RSS of this process over that phase
 * (VmHWM, reset between phases through /proc/self/clear_refs; holds the face worker threads), and
 * per pair the seam figure (gradient energy on the pasted person's matte boundary ÷ the image's
 * median gradient energy; lower is better), whether the canvas was widened, and how many columns
 * repeat their left neighbour (stretched pixels). Writes every "after" composite, and the demo
 * pair's "before", to docs/exchanges/ as WebP (BENCH_OUT to write elsewhere) — look at them.
 * BENCH_PAIRS=n runs the first n pairs only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createFaceEngine } from '@kith/faces';
import { createGroupPhotoComposer } from '../../server/src/exchanges/synthesis/group-photo-composer.js';
import { repeatedColumns, seamFigure } from '../../server/src/exchanges/synthesis/seam.js';
import { procStatusMB } from './bench-harness.js';
import { PARTY_PHOTOS } from './fixtures.js';
import { createGroupPhotoComposer as createBaselineComposer } from './synthesis-baseline/group-photo-composer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = process.env.BENCH_OUT ?? path.resolve(here, '../../docs/exchanges');
/** [scene, person] as sample numbers; the first is the demo's. */
const ALL_PAIRS: [number, number][] = [
  [3, 5],
  [1, 3],
  [3, 6],
  [2, 4],
  [4, 2],
  [5, 1],
  [6, 4],
];
const PAIRS = ALL_PAIRS.slice(0, Math.max(1, Number(process.env.BENCH_PAIRS ?? ALL_PAIRS.length)));
const photos = PARTY_PHOTOS.map((p) => fs.readFileSync(p));

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

interface Row {
  ms: number;
  seam: number;
  widened: boolean;
  repeated: number;
  bytes: Buffer;
}

type Traced = (a: Uint8Array, b: Uint8Array) => Promise<{ photo: { bytes: Buffer; mode: string }; matte: Uint8Array | null }>;

async function measure(compose: Traced, scene: Buffer, person: Buffer): Promise<Row> {
  const t0 = performance.now();
  const { photo, matte } = await compose(scene, person);
  const ms = performance.now() - t0;
  const { data, info } = await sharp(photo.bytes).raw().toBuffer({ resolveWithObject: true });
  const sceneMeta = await sharp(scene).metadata();
  // The scene at output size (long side ≤ 2048, never enlarged) is as wide as the result unless widened.
  const sceneWidth = Math.round(sceneMeta.width! * Math.min(1, 2048 / Math.max(sceneMeta.width!, sceneMeta.height!)));
  const seam = matte ? seamFigure(data, info.width, info.height, info.channels, matte) : NaN;
  return {
    ms,
    seam,
    widened: info.width > sceneWidth,
    repeated: repeatedColumns(data, info.width, info.height, info.channels),
    bytes: photo.bytes,
  };
}

/** Resets this process's VmHWM (Linux ≥ 4.0: writing 5 to clear_refs). */
const resetPeak = () => {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the second phase's peak then includes the first's.
  }
};

const engine = createFaceEngine({ poolSize: 2 });
const faceAnalyser = { enabled: true, analyse: engine.analyse, segment: engine.segment };
const baseline = createBaselineComposer({ faceAnalyser });
const current = createGroupPhotoComposer({ faceAnalyser });
await engine.ready();
// Warm-up: the first segmentation loads the model in each worker.
await Promise.all([engine.segment(photos[0]), engine.segment(photos[1])]);

console.log(
  `bench:synthesis — ${PAIRS.length} pairs of party photos at 1920×1280, pool of 2 face workers, one composite at a time, ` +
    `${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(2)}`,
);
const phases: { name: string; rows: Row[]; peak: number }[] = [];
for (const [name, traced] of [
  ['before (baseline)', (a: Uint8Array, b: Uint8Array) => baseline.composeTraced(a, b)],
  [
    'after',
    async (a: Uint8Array, b: Uint8Array) => {
      const r = await current.composeTraced(a, b);
      return { photo: r.photo, matte: r.trace?.matte ?? null };
    },
  ],
] as [string, Traced][]) {
  resetPeak();
  const rows: Row[] = [];
  for (const [s, p] of PAIRS) rows.push(await measure(traced, photos[s - 1], photos[p - 1]));
  phases.push({ name, rows, peak: procStatusMB(process.pid, 'VmHWM') });
}

fs.mkdirSync(OUT, { recursive: true });
const webp = (bytes: Buffer, file: string) => sharp(bytes).resize(1024).webp({ quality: 78 }).toFile(path.join(OUT, file));
for (const [i, [s, p]] of PAIRS.entries()) await webp(phases[1].rows[i].bytes, `synthesis-sample${s}-with-sample${p}.webp`);
await webp(phases[0].rows[0].bytes, `synthesis-sample${PAIRS[0][0]}-with-sample${PAIRS[0][1]}-before.webp`);

console.log('\npair (scene + person)       seam before → after   widened before/after   repeated cols before/after');
for (const [i, [s, p]] of PAIRS.entries()) {
  const [b, a] = [phases[0].rows[i], phases[1].rows[i]];
  console.log(
    `sample${s} + sample${p}${i === 0 ? ' (demo)' : '       '}   ${b.seam.toFixed(1).padStart(6)} → ${a.seam.toFixed(1).padEnd(6)}        ` +
      `${b.widened ? 'yes' : 'no '} / ${a.widened ? 'yes' : 'no '}             ${b.repeated} / ${a.repeated}`,
  );
}
for (const { name, rows, peak } of phases) {
  const seams = rows.map((r) => r.seam).filter((x) => Number.isFinite(x));
  const ms = rows.map((r) => r.ms);
  console.log(
    `\n${name}: ${mean(ms).toFixed(0)} ms per composite (p50 ${median(ms).toFixed(0)} ms); peak RSS ${peak.toFixed(0)} MB; ` +
      `seam mean ${mean(seams).toFixed(1)}, median ${median(seams).toFixed(1)}; ` +
      `widened ${rows.filter((r) => r.widened).length}/${rows.length}; repeated columns ${rows.reduce((n, r) => n + r.repeated, 0)} px in all`,
  );
}
console.log(`\nwritten to ${OUT}`);
await engine.close();
