/**
 * Calibrates the match threshold of each identity model on the labelled photos of set A and
 * picks the default model. The faceres and face-api thresholds also scale the fusion distance;
 * the shipped fusion threshold and margin come from cross-validate.ts (sets A and C). Prints the ROC, the chosen thresholds, accuracy and TAR at FAR 0.1% / 1%, and
 * writes docs/face-calibration.md and faces/src/calibrated-thresholds.json (both committed).
 *
 *   npm run calibrate:faces            (needs ../shared/fixtures/faces)
 *
 * Genuine pairs: two labelled photos of one person. Impostor pairs: labelled photos of two
 * people, plus every pair of faces found in one photo (fixture groups and the face-api party
 * photos) — faces in one photo are different people. The threshold maximises accuracy on
 * labelled pairs under the ceiling set by the closest same-photo pair.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaceEngine } from '../src/face-engine.js';
import { cosineDistance, euclideanDistance } from '../src/matching.js';
import type { EmbeddingModel } from '../src/types.js';
import { collectCalibrationData, FIXTURES_DIR, type FaceSample } from './calibration-data.js';
import { pairsOf } from './cv-folds.js';
import { START as CV_START } from './cv-report.js';
import { auc, chooseThreshold, rocCurve, tarAtFar } from './roc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOC = path.resolve(here, '../../docs/face-calibration.md');
const JSON_OUT = path.resolve(here, '../src/calibrated-thresholds.json');
/** The margin rule: the runner-up must be at least this fraction of the threshold further away. */
const MARGIN_FRACTION = 0.1;

if (!fs.existsSync(FIXTURES_DIR)) {
  console.error(`calibrate: ${FIXTURES_DIR} is absent; the calibration needs the labelled fixture photos.`);
  process.exit(2);
}

const engine = createFaceEngine({ model: 'fusion' });
const data = await collectCalibrationData(engine, ['A']);
await engine.close();

type Raw = (a: FaceSample, b: FaceSample) => number;
const rawFaceres: Raw = (a, b) => cosineDistance(a.faceres!, b.faceres!);
const rawFaceapi: Raw = (a, b) => euclideanDistance(a.faceapi!, b.faceapi!);

interface Pairs {
  genuine: number[];
  impostor: number[];
  samePhoto: number[];
  /** names of the labelled pairs, aligned with genuine / impostor */
  genuineNames: string[];
  impostorNames: string[];
}
const short = (s: FaceSample) => path.relative(FIXTURES_DIR, s.file);
function pairs(dist: Raw): Pairs {
  const out: Pairs = { genuine: [], impostor: [], samePhoto: [], genuineNames: [], impostorNames: [] };
  for (const [, , a, b] of pairsOf(data.labelled)) {
    const same = a.person === b.person;
    (same ? out.genuine : out.impostor).push(dist(a, b));
    (same ? out.genuineNames : out.impostorNames).push(`${short(a)} ~ ${short(b)}`);
  }
  for (const faces of data.photos.values()) for (const [, , a, b] of pairsOf(faces)) out.samePhoto.push(dist(a, b));
  return out;
}

const rows: string[] = [];
const say = (line = '') => {
  console.log(line);
  rows.push(line);
};
const f3 = (n: number) => n.toFixed(3);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

const results = {} as Record<
  EmbeddingModel,
  { threshold: number; accuracy: number; samePhotoFalse: number; auc: number; tar01: number; tar1: number; p: Pairs }
>;
function evaluate(model: EmbeddingModel, dist: Raw) {
  const p = pairs(dist);
  const ceiling = Math.min(...p.samePhoto);
  const choice = chooseThreshold(p.genuine, [...p.impostor], ceiling);
  const impostorAll = [...p.impostor, ...p.samePhoto];
  const r = {
    threshold: choice.threshold,
    accuracy: choice.accuracy,
    samePhotoFalse: p.samePhoto.filter((d) => d <= choice.threshold).length,
    auc: auc(p.genuine, impostorAll),
    tar01: tarAtFar(p.genuine, impostorAll, 0.001).tar,
    tar1: tarAtFar(p.genuine, impostorAll, 0.01).tar,
    p,
  };
  results[model] = r;
  say(`### ${model}`);
  say();
  say(`- pairs: ${p.genuine.length} genuine, ${p.impostor.length} labelled impostor, ${p.samePhoto.length} same-photo impostor`);
  say(
    `- widest genuine pair ${f3(Math.max(...p.genuine))}; closest labelled impostor ${f3(Math.min(...p.impostor))}; closest same-photo pair ${f3(ceiling)}`,
  );
  say(
    `- **threshold ${f3(r.threshold)}** (best-accuracy interval ${f3(choice.interval[0])}–${f3(choice.interval[1])}, capped under the closest same-photo pair)`,
  );
  say(`- accuracy on labelled pairs ${pct(r.accuracy)}; same-photo false matches ${r.samePhotoFalse}; AUC ${r.auc.toFixed(4)}`);
  say(`- TAR at FAR 0.1%: ${pct(r.tar01)}; TAR at FAR 1%: ${pct(r.tar1)} (impostors = labelled + same-photo)`);
  const misses = p.genuine.map((d, i) => [d, p.genuineNames[i]] as const).filter(([d]) => d > r.threshold);
  const falses = p.impostor.map((d, i) => [d, p.impostorNames[i]] as const).filter(([d]) => d <= r.threshold);
  say(`- genuine pairs over the threshold (${misses.length}): ${misses.map(([d, n]) => `${n} (${f3(d)})`).join('; ') || 'none'}`);
  say(`- impostor pairs under the threshold (${falses.length}): ${falses.map(([d, n]) => `${n} (${f3(d)})`).join('; ') || 'none'}`);
  say();
  say('| threshold | TAR | FAR |');
  say('|---|---|---|');
  for (const pt of rocCurve(p.genuine, impostorAll, 12)) say(`| ${f3(pt.threshold)} | ${pct(pt.tar)} | ${pct(pt.far)} |`);
  say();
}

say('# Face matching calibration');
say();
say(`Generated by \`npm run calibrate:faces\` (faces/scripts/calibrate.ts) on ${new Date().toISOString().slice(0, 10)}, set A only.`);
say(
  `Labelled photos: ${data.labelled.length} faces of ${new Set(data.labelled.map((l) => l.person)).size} people` +
    (data.missed.length ? `; no face found in ${data.missed.join(', ')}` : '') +
    '.',
);
say(`Multi-face photos used for same-photo negatives: ${[...data.photos.keys()].join(', ')}.`);
say();
evaluate('faceres', rawFaceres);
evaluate('faceapi', rawFaceapi);
const tr = results.faceres.threshold;
const ta = results.faceapi.threshold;
evaluate('fusion', (a, b) => (rawFaceres(a, b) / tr + rawFaceapi(a, b) / ta) / 2);

// Ship the model that wins on both: accuracy on labelled pairs first, then zero same-photo
// false matches, then the separation (AUC over all impostors).
const ranked = (Object.keys(results) as EmbeddingModel[]).sort(
  (a, b) =>
    results[b].accuracy - results[a].accuracy || results[a].samePhotoFalse - results[b].samePhotoFalse || results[b].auc - results[a].auc,
);
say('## Choice');
say();
say('| model | accuracy | same-photo false matches | AUC | TAR@FAR 0.1% | TAR@FAR 1% | threshold |');
say('|---|---|---|---|---|---|---|');
for (const m of ranked) {
  const r = results[m];
  say(`| ${m} | ${pct(r.accuracy)} | ${r.samePhotoFalse} | ${r.auc.toFixed(4)} | ${pct(r.tar01)} | ${pct(r.tar1)} | ${f3(r.threshold)} |`);
}
say();
say(
  `Best of these three on set A: **${ranked[0]}** (the shipped model is chosen below, by cross-validation on sets A and C). Margin rule for faceres and face-api alone: the runner-up must be ${MARGIN_FRACTION * 100}% of the threshold further than the best.`,
);
say(
  'The faceres and face-api thresholds above also scale the fusion distance. The **shipped fusion threshold and margin** are not the ones above: they come from the cross-validation on sets A and C below.',
);

const models = Object.fromEntries(
  (Object.keys(results) as EmbeddingModel[]).map((m) => [
    m,
    { threshold: Number(results[m].threshold.toFixed(4)), margin: Number((results[m].threshold * MARGIN_FRACTION).toFixed(4)) },
  ]),
);
// The models cross-validated on sets A and C (cross-validate.ts) keep that threshold and margin,
// and that section of the doc stays.
const previous = fs.existsSync(JSON_OUT) ? JSON.parse(fs.readFileSync(JSON_OUT, 'utf8')) : {};
for (const m of (previous.crossValidated ?? []) as EmbeddingModel[]) (models as Record<string, unknown>)[m] = previous.models[m];
const out = { ...previous, generatedBy: 'faces/scripts/calibrate.ts', models };
fs.writeFileSync(JSON_OUT, JSON.stringify(out, null, 2) + '\n');
fs.mkdirSync(path.dirname(DOC), { recursive: true });
const old = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
// Everything from the cross-validation section on (it and the hand-written model trials) stays.
const rest = old.includes(CV_START) ? old.slice(old.indexOf(CV_START)) : '';
fs.writeFileSync(DOC, rows.join('\n') + '\n' + (rest ? `\n${rest}` : ''));
console.log(`\nwrote ${path.relative(process.cwd(), DOC)} and ${path.relative(process.cwd(), JSON_OUT)}`);
