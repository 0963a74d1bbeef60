/**
 * Identity on real labelled photos of set A (../shared/fixtures/faces; skipped when absent) at
 * the committed threshold of the default model (cross-validated on sets A and C,
 * docs/face-calibration.md). Every same-person pair of set A matches and no other pair does; the
 * earlier fusion model missed five (a blurred video frame, a turned head, two partial faces and a
 * 320 × 240 photo), which the aligned faceplugin net now matches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALIBRATION, createFaceEngine, DEFAULT_MODEL, descriptorDistance, match } from '../src/index.js';
import { collectCalibrationData, FIXTURES_DIR, type CalibrationData, type FaceSample } from '../scripts/calibration-data.js';

const present = fs.existsSync(path.join(FIXTURES_DIR, 'labels.json'));
if (!present) console.warn(`identity tests skipped: ${FIXTURES_DIR} is absent (labelled fixture photos live in ../shared)`);

const model = DEFAULT_MODEL;
const name = (s: FaceSample) => path.relative(FIXTURES_DIR, s.file);

describe.skipIf(!present)(`identity on the labelled fixtures (${model})`, () => {
  const engine = createFaceEngine({ poolSize: 1, model });
  let data: CalibrationData;
  const threshold = CALIBRATION[model].threshold;
  beforeAll(async () => {
    data = await collectCalibrationData(engine, ['A']);
  }, 170_000);
  afterAll(() => engine.close());

  it('finds a face in every labelled photo', () => {
    expect(data.missed).toEqual([]);
    expect(data.labelled).toHaveLength(22);
  });

  it('matches every same-person pair and no different-person pair', () => {
    const missed: string[] = [];
    const falseMatches: string[] = [];
    const L = data.labelled;
    for (const [i, a] of L.entries()) {
      for (const b of L.slice(i + 1)) {
        const pair = `${name(a)} ~ ${name(b)}`;
        const d = descriptorDistance(model, a.descriptor, b.descriptor);
        if (a.person === b.person && d > threshold) missed.push(pair);
        if (a.person !== b.person && d <= threshold) falseMatches.push(pair);
      }
    }
    expect(falseMatches).toEqual([]);
    expect(missed).toEqual([]);
  });

  it('never matches two faces of one photo', () => {
    for (const [photo, faces] of data.photos) {
      for (const [i, a] of faces.entries())
        for (const [j, b] of faces.entries())
          if (j > i)
            expect(descriptorDistance(model, a.descriptor, b.descriptor), `${photo} faces ${i} and ${j}`).toBeGreaterThan(threshold);
    }
  });

  it('finds each labelled person of a group photo among its faces', () => {
    const references = data.labelled.map((s) => ({ id: s.person!, descriptor: s.descriptor }));
    for (const [group, { identities }] of Object.entries(data.groups)) {
      const faces = data.photos.get(`group/${group}`) ?? [];
      const found = new Set(faces.map((f) => match(model, f.descriptor, references)?.candidateId).filter(Boolean));
      for (const person of identities) expect(found.has(person), `${person} in ${group}`).toBe(true);
    }
  });
});
