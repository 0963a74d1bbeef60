/**
 * Evaluates the shipped engine, model and threshold on any labelled folder (the work behind
 * `npm run faces:evaluate -- DIR`).
 *
 * Inputs, all paths relative to DIR:
 * - `labels.json`: `{ "<image path>": "<person>" }`; the face of a labelled photo is its largest.
 * - `pairs.json` (optional): `[[pathA, pathB, true | false], …]`, true = same person; without it,
 *   every pair of labelled photos, same person when the labels agree.
 * - `group/groups.json` (optional): `{ "<file in group/>": … }`; every two faces of one such photo
 *   are different people (same-photo negatives).
 * A photo where no face is found (or that is not an image) counts as rejected in every pair and unmatched when it probes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FaceEngine } from '../src/face-engine.js';
import { FaceInputError } from '../src/image-input.js';
import { CALIBRATION, descriptorDistance, match } from '../src/matching.js';
import { auc, tarAtFar } from './roc.js';
import { largest } from './calibration-data.js';

export interface FolderEvaluation {
  /** model version, e.g. `fusion@2` */
  model: string;
  threshold: number;
  margin: number;
  photos: number;
  pairs: number;
  genuinePairs: number;
  impostorPairs: number;
  /** share of pairs decided right at the threshold */
  accuracy: number;
  /** (TAR + TNR) / 2 */
  balancedAccuracy: number;
  /** genuine pairs accepted / genuine pairs, at the threshold */
  tar: number;
  /** impostor pairs accepted / impostor pairs, at the threshold */
  far: number;
  auc: number;
  /** TAR at the largest threshold with FAR ≤ 0.1% (labelled impostors and same-photo pairs) */
  tarAtFar01: number;
  samePhotoPairs: number;
  samePhotoFalseMatches: number;
  /** one reference per person (first file by name with a face), the others probe with `match` */
  identification: { right: number; wrong: number; none: number };
  /** labelled and group photos analysed per second of wall time */
  photosPerSecond: number;
  /** labelled photos where no face was found */
  noFace: string[];
}

/** @throws Error (with a message a person can act on) when labels.json is missing or malformed. */
export function readLabels(dir: string): Record<string, string> {
  const file = path.join(dir, 'labels.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: it maps image paths (relative to the folder) to person names`);
  const labels = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof labels !== 'object' || labels === null || Object.values(labels).some((v) => typeof v !== 'string'))
    throw new Error(`${file} must be an object of "image path": "person name"`);
  return labels;
}

/** The analysis of one file, or null (with a note on stderr) when it is not an image the engine reads. */
async function analyseOrNull(engine: FaceEngine, file: string) {
  try {
    return await engine.analyse(fs.readFileSync(file));
  } catch (err) {
    if (!(err instanceof FaceInputError)) throw err;
    console.error(`${file}: ${err.message}`);
    return null;
  }
}

/**
 * @throws Error when labels.json is missing or malformed, a listed file cannot be read, or
 *   pairs.json names a photo labels.json does not list.
 */
export async function evaluateFolder(engine: FaceEngine, dir: string): Promise<FolderEvaluation> {
  const labels = readLabels(dir);
  const pairsFile = path.join(dir, 'pairs.json');
  const groupsFile = path.join(dir, 'group/groups.json');
  const groups = fs.existsSync(groupsFile) ? Object.keys(JSON.parse(fs.readFileSync(groupsFile, 'utf8'))) : [];
  const model = engine.model;
  const { threshold, margin } = CALIBRATION[model];

  const t0 = performance.now();
  // By name, as Array.prototype.sort orders strings (UTF-16 code units).
  const labelled = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = labelled.map(([rel]) => rel);
  const faces = new Map<string, Float32Array | null>();
  const groupFaces: Float32Array[][] = [];
  await Promise.all([
    ...files.map(async (rel) => {
      const a = await analyseOrNull(engine, path.join(dir, rel));
      if (!a) return void faces.set(rel, null);
      faces.set(rel, a.faces.length ? largest(a.faces.map((f) => ({ ...f, area: f.box.width * f.box.height }))).descriptor : null);
    }),
    ...groups.map(async (g) => {
      const a = await analyseOrNull(engine, path.join(dir, 'group', g));
      groupFaces.push(a ? a.faces.map((f) => f.descriptor) : []);
    }),
  ]);
  const seconds = (performance.now() - t0) / 1000;

  const dist = (a: string, b: string) => {
    const da = faces.get(a);
    const db = faces.get(b);
    if (da === undefined || db === undefined)
      throw new Error(`pairs.json names ${da === undefined ? a : b}, which labels.json does not list`);
    return da && db ? descriptorDistance(model, da, db) : Infinity;
  };
  const pairs: [string, string, boolean][] = fs.existsSync(pairsFile)
    ? JSON.parse(fs.readFileSync(pairsFile, 'utf8'))
    : labelled.flatMap(([a, pa], i) => labelled.slice(i + 1).map(([b, pb]) => [a, b, pa === pb] as [string, string, boolean]));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (const [a, b, same] of pairs) (same ? genuine : impostor).push(dist(a, b));
  const samePhoto = groupFaces.flatMap((fs) => fs.flatMap((a, i) => fs.slice(i + 1).map((b) => descriptorDistance(model, a, b))));

  const accepted = (ds: number[]) => ds.filter((d) => d <= threshold).length;
  const tar = accepted(genuine) / (genuine.length || 1);
  const far = accepted(impostor) / (impostor.length || 1);

  // Identification: the first photo by name (with a face) of each person is the reference.
  const references = new Map<string, string>();
  for (const [rel, person] of labelled) if (faces.get(rel) && !references.has(person)) references.set(person, rel);
  const candidates = [...references].map(([person, rel]) => ({ id: person, descriptor: faces.get(rel)! }));
  const identification = { right: 0, wrong: 0, none: 0 };
  for (const [rel, person] of labelled) {
    if (references.get(person) === rel) continue;
    const d = faces.get(rel);
    const m = d ? match(model, d, candidates) : null;
    identification[m === null ? 'none' : m.candidateId === person ? 'right' : 'wrong']++;
  }

  const round = (n: number) => Math.round(n * 10000) / 10000;
  return {
    model: engine.modelVersion,
    threshold,
    margin,
    photos: files.length,
    pairs: pairs.length,
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    accuracy: round((accepted(genuine) + impostor.length - accepted(impostor)) / (pairs.length || 1)),
    balancedAccuracy: round((tar + 1 - far) / 2),
    tar: round(tar),
    far: round(far),
    auc: round(genuine.length && impostor.length ? auc(genuine, impostor) : NaN),
    tarAtFar01: round(genuine.length ? tarAtFar(genuine, [...impostor, ...samePhoto], 0.001).tar : NaN),
    samePhotoPairs: samePhoto.length,
    samePhotoFalseMatches: accepted(samePhoto),
    identification,
    photosPerSecond: round((files.length + groups.length) / seconds),
    noFace: files.filter((rel) => faces.get(rel) === null),
  };
}
