/**
 * Collects descriptors for calibration: the labelled fixture photos (../shared/fixtures/faces),
 * the fixture group photos and the party photos shipped with @vladmandic/face-api.
 * Faces in one photo are different people: every such pair is a free, real negative.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitDescriptor } from '../src/descriptor-layout.js';
import type { FaceEngine } from '../src/face-engine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.resolve(here, '../../../shared/fixtures/faces');
const require = createRequire(import.meta.url);
export const PARTY_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api')), '../demo');
export const partyPhotos = () => Array.from({ length: 6 }, (_, i) => path.join(PARTY_DIR, `sample${i + 1}.jpg`));

export interface FaceSample {
  file: string;
  /** The labelled person (labelled singles only). */
  person?: string;
  faceres: Float32Array;
  faceapi: Float32Array;
  area: number;
}

export interface CalibrationData {
  /** One face per labelled photo: the largest. */
  labelled: FaceSample[];
  /** Labelled photos where the detector found no face. */
  missed: string[];
  /** All faces per multi-face photo (fixture groups, party photos, labelled photos with extra faces). */
  photos: Map<string, FaceSample[]>;
  groups: Record<string, { identities: string[] }>;
}

async function facesOf(engine: FaceEngine, file: string, person?: string): Promise<FaceSample[]> {
  const analysis = await engine.analyse(fs.readFileSync(file));
  return analysis.faces.map((f) => {
    const parts = splitDescriptor(analysis.model, f.descriptor);
    return {
      file,
      person,
      faceres: Float32Array.from(parts.faceres!),
      faceapi: Float32Array.from(parts.faceapi!),
      area: f.box.width * f.box.height,
    };
  });
}

/** @throws Error when the fixtures are absent (callers check {@link FIXTURES_DIR} first). */
export async function collectCalibrationData(engine: FaceEngine): Promise<CalibrationData> {
  const labels: Record<string, string> = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'labels.json'), 'utf8'));
  const groups = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'group/groups.json'), 'utf8'));
  const labelled: FaceSample[] = [];
  const missed: string[] = [];
  const photos = new Map<string, FaceSample[]>();
  await Promise.all(
    Object.entries(labels).map(async ([rel, person]) => {
      const faces = await facesOf(engine, path.join(FIXTURES_DIR, rel), person);
      if (faces.length === 0) return void missed.push(rel);
      labelled.push(faces.reduce((a, b) => (b.area > a.area ? b : a)));
      if (faces.length > 1) photos.set(rel, faces);
    }),
  );
  const multi = [...Object.keys(groups).map((g) => path.join(FIXTURES_DIR, 'group', g)), ...partyPhotos()];
  await Promise.all(
    multi.map(async (file) =>
      photos.set(path.relative(FIXTURES_DIR, file).replace(/^(\.\.\/)+.*demo\//, 'party/'), await facesOf(engine, file)),
    ),
  );
  labelled.sort((a, b) => a.file.localeCompare(b.file));
  return { labelled, missed, photos, groups };
}
