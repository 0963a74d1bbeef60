/**
 * Collects descriptors for calibration: the labelled fixture photos of set A
 * (../shared/fixtures/faces) and set C (../shared/fixtures/faces-c), their group photos and the
 * party photos shipped with @vladmandic/face-api.
 * Faces in one photo are different people: every such pair is a free, real negative.
 *
 * With `cache`, descriptors are kept under `.cache/face-descriptors/<model version>-<code digest>/<sha256>.json`
 * (gitignored), keyed by the engine's model version, a digest of its analysis code and the file's bytes, so a rerun of the
 * cross-validation costs seconds instead of minutes. Tests never use the cache: they test the engine.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitDescriptor } from '../src/descriptor-layout.js';
import type { FaceEngine } from '../src/face-engine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.resolve(here, '../../../shared/fixtures/faces');
/** The labelled sets: A (tuned on historically) and C (a second, independent set). */
export const SET_DIRS = { A: FIXTURES_DIR, C: path.resolve(here, '../../../shared/fixtures/faces-c') } as const;
export type SetName = keyof typeof SET_DIRS;
export const CACHE_DIR = path.resolve(here, '../../.cache/face-descriptors');
const require = createRequire(import.meta.url);
export const PARTY_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api')), '../demo');
export const partyPhotos = () => Array.from({ length: 6 }, (_, i) => path.join(PARTY_DIR, `sample${i + 1}.jpg`));

export interface FaceSample {
  file: string;
  /** Path inside its set's folder, prefixed `C:` for set C (set A keeps the bare path). */
  name: string;
  /** The labelled person (labelled singles only). */
  person?: string;
  /** The engine model's own descriptor (descriptor-layout.ts). */
  descriptor: Float32Array;
  /** Its faceres and face-api parts, for the models built from them (views of `descriptor`). */
  faceres?: Float32Array;
  faceapi?: Float32Array;
  area: number;
}

export interface CalibrationData {
  /** One face per labelled photo: the largest. Sorted by name. */
  labelled: FaceSample[];
  /** Labelled photos where the detector found no face. */
  missed: string[];
  /** All faces per multi-face photo (fixture groups, party photos, labelled photos with extra faces). */
  photos: Map<string, FaceSample[]>;
  /** groups.json of every set, keys named like `photos` minus the `group/` folder. */
  groups: Record<string, { identities: string[] }>;
}

interface CachedFace {
  descriptor: number[];
  area: number;
}

/** A digest of the engine's analysis code: a code change invalidates the cache even when the version string stays. */
const CODE_DIGEST = (() => {
  const src = path.resolve(here, '../src');
  const files = ['image-input.ts', 'descriptor-layout.ts', ...fs.readdirSync(path.join(src, 'worker')).map((f) => `worker/${f}`)].sort();
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(fs.readFileSync(path.join(src, f)));
  return h.digest('hex').slice(0, 12);
})();

/** Every face of one file: from the cache when allowed and present, else from the engine. */
async function analyseFile(engine: FaceEngine, file: string, cache: boolean): Promise<CachedFace[]> {
  const bytes = fs.readFileSync(file);
  const key = path.join(
    CACHE_DIR,
    `${engine.modelVersion}-${CODE_DIGEST}`,
    `${crypto.createHash('sha256').update(bytes).digest('hex')}.json`,
  );
  if (cache && fs.existsSync(key)) return JSON.parse(fs.readFileSync(key, 'utf8')) as CachedFace[];
  const analysis = await engine.analyse(bytes);
  const faces = analysis.faces.map((f) => ({ descriptor: [...f.descriptor], area: f.box.width * f.box.height }));
  if (cache) {
    fs.mkdirSync(path.dirname(key), { recursive: true });
    fs.writeFileSync(key, JSON.stringify(faces));
  }
  return faces;
}

async function facesOf(engine: FaceEngine, file: string, name: string, cache: boolean, person?: string): Promise<FaceSample[]> {
  return (await analyseFile(engine, file, cache)).map((f) => {
    const descriptor = Float32Array.from(f.descriptor);
    return { file, name, person, descriptor, ...splitDescriptor(engine.model, descriptor), area: f.area };
  });
}

/** The largest face of a list (the face a labelled photo is about). */
export const largest = <T extends { area: number }>(faces: T[]): T => faces.reduce((a, b) => (b.area > a.area ? b : a));

/**
 * @param sets which labelled sets (default A and C); absent sets are an error, callers check {@link SET_DIRS}.
 * @param opts.cache read and write the descriptor cache (scripts only).
 * @throws Error when a set's labels.json is absent.
 */
export async function collectCalibrationData(
  engine: FaceEngine,
  sets: readonly SetName[] = ['A', 'C'],
  opts: { cache?: boolean } = {},
): Promise<CalibrationData> {
  const cache = opts.cache ?? false;
  const labelled: FaceSample[] = [];
  const missed: string[] = [];
  const photos = new Map<string, FaceSample[]>();
  const groups: CalibrationData['groups'] = {};
  const jobs: Promise<unknown>[] = [];
  for (const set of sets) {
    const dir = SET_DIRS[set];
    const prefix = set === 'A' ? '' : `${set}:`;
    const labels: Record<string, string> = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
    const groupFile = path.join(dir, 'group/groups.json');
    const setGroups = fs.existsSync(groupFile) ? JSON.parse(fs.readFileSync(groupFile, 'utf8')) : {};
    for (const [rel, person] of Object.entries(labels))
      jobs.push(
        facesOf(engine, path.join(dir, rel), prefix + rel, cache, person).then((faces) => {
          if (faces.length === 0) return void missed.push(prefix + rel);
          labelled.push(largest(faces));
          if (faces.length > 1) photos.set(prefix + rel, faces);
        }),
      );
    for (const [g, value] of Object.entries(setGroups)) {
      groups[prefix + g] = value as { identities: string[] };
      const name = `${prefix}group/${g}`;
      jobs.push(facesOf(engine, path.join(dir, 'group', g), name, cache).then((faces) => photos.set(name, faces)));
    }
  }
  for (const file of partyPhotos()) {
    const name = `party/${path.basename(file)}`;
    jobs.push(facesOf(engine, file, name, cache).then((faces) => photos.set(name, faces)));
  }
  await Promise.all(jobs);
  labelled.sort((a, b) => a.name.localeCompare(b.name));
  return { labelled, missed, photos, groups };
}
